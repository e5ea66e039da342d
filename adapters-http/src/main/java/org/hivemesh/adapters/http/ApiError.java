package org.hivemesh.adapters.http;

import java.util.Map;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** An HTTP-level refusal (oversize body, unsupported media) in the API error format. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;

    public ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The code for a refusal that only has an HTTP status (from Javalin or Jetty). */
    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "body_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 500 -> "internal_error";
            case 503 -> "unavailable";
            case 505 -> "http_version_not_supported";
            default -> "http_" + status;
        };
    }

    /** The API.md error body. */
    static JsonObject body(String code, String message) {
        return body(code, message, Map.of());
    }

    /** With {@code details} beside code and message, for programs that act on the refusal. */
    static JsonObject body(String code, String message, Map<String, String> details) {
        JsonValue.Builder error = JsonObject.builder();
        details.forEach(error::put);
        return JsonObject.builder().put("error", error.put("code", code)
                .put("message", message == null ? code : message).build()).build();
    }
}
