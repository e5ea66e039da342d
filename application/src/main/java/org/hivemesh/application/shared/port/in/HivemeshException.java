package org.hivemesh.application.shared.port.in;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the application refuses; {@code code} is the machine code of the API error format, {@code details} what
 * a program needs to act on it (e.g. the plan a join waits for), shown beside code and message.
 */
public class HivemeshException extends RuntimeException {
    private final Kind kind;
    private final String code;
    private final Map<String, String> details = new LinkedHashMap<>();

    public HivemeshException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public HivemeshException with(String detail, String value) {
        details.put(detail, value);
        return this;
    }

    public Map<String, String> details() {
        return Map.copyOf(details);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** {@code LIMITED}: a bound was reached (HTTP 429). */
    public enum Kind { INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, LIMITED }

    public static HivemeshException invalid(String message) {
        return new HivemeshException(Kind.INVALID, "invalid_request", message);
    }

    public static HivemeshException unauthenticated(String message) {
        return new HivemeshException(Kind.UNAUTHENTICATED, "unauthenticated", message);
    }

    public static HivemeshException forbidden(String message) {
        return new HivemeshException(Kind.FORBIDDEN, "forbidden", message);
    }

    public static HivemeshException notFound(String what, String id) {
        return new HivemeshException(Kind.NOT_FOUND, what + "_not_found", what + " '" + id + "' does not exist");
    }

    public static HivemeshException limited(String code, String message) {
        return new HivemeshException(Kind.LIMITED, code, message);
    }

    public static HivemeshException conflict(String code, String message) {
        return new HivemeshException(Kind.CONFLICT, code, message);
    }
}
