package org.hivemesh.domain.event;

import java.nio.charset.StandardCharsets;

/** An event before it is signed: exactly the fields its ID and signature cover. */
public record UnsignedEvent(String group, String origin, Hlc hlc, EventPayload payload) {
    public UnsignedEvent {
        Ids.require("group", group);
        Ids.require("origin", origin);
        if (hlc == null || payload == null) {
            throw new IllegalArgumentException("hlc and payload are required");
        }
    }

    public EventType type() {
        return payload.type();
    }

    public JsonValue.JsonObject toJson() {
        return JsonValue.JsonObject.builder().put("group", group).put("type", type().wireName())
                .put("origin", origin).put("hlc", hlc.toString()).put("payload", payload.toJson()).build();
    }

    /** The RFC 8785 bytes that the ID hashes and the signature covers. */
    public byte[] canonicalBytes() {
        return toJson().canonical().getBytes(StandardCharsets.UTF_8);
    }

    public EventId id() {
        return EventId.of(canonicalBytes());
    }

    public Event signedWith(String signatureHex) {
        return new Event(id(), this, signatureHex);
    }
}
