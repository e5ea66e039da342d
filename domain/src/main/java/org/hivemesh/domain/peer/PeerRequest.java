package org.hivemesh.domain.peer;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/**
 * What a peer signs on every {@code /sync/v1} request, and a callee on its handshake reply (API.md "Peer request
 * signing"): the method, the path and query as sent, who calls whom, when, and the SHA-256 of the body.
 */
public record PeerRequest(String method, String target, String origin, String destination, String date,
                          String bodySha256) {
    public static final String ORIGIN = "X-Hivemesh-Origin";
    public static final String DESTINATION = "X-Hivemesh-Destination";
    public static final String DATE = "X-Hivemesh-Date";
    public static final String SIGNATURE = "X-Hivemesh-Signature";

    public PeerRequest {
        if (method == null || target == null || origin == null || destination == null || date == null
                || bodySha256 == null) {
            throw new IllegalArgumentException("every part of a signed peer request is required");
        }
    }

    public static PeerRequest of(String method, String target, String origin, String destination, String date,
                                 byte[] body) {
        return new PeerRequest(method, target, origin, destination, date, EventId.sha256Hex(body));
    }

    /** The UTF-8 RFC 8785 bytes the signature covers. */
    public byte[] signedBytes() {
        return JsonObject.builder().put("method", method).put("target", target).put("origin", origin)
                .put("destination", destination).put("date", date).put("body_sha256", bodySha256).build()
                .canonical().getBytes(StandardCharsets.UTF_8);
    }

    /** The date header as milliseconds, or empty if it is not a decimal number. */
    public Optional<Long> dateMillis() {
        if (!date.matches("\\d{1,15}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(date));
    }
}
