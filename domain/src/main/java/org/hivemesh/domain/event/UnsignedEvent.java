package org.hivemesh.domain.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An event before it is signed: exactly the fields its ID and signature cover. A value like a record; its canonical
 * bytes are computed once, since the ID check, the signature check and the store each need them.
 */
public final class UnsignedEvent {
    private final String group;
    private final String origin;
    private final Hlc hlc;
    private final EventPayload payload;
    private volatile byte[] canonical;
    private volatile EventId id;

    public UnsignedEvent(String group, String origin, Hlc hlc, EventPayload payload) {
        Ids.require("group", group);
        Ids.require("origin", origin);
        if (hlc == null || payload == null) {
            throw new IllegalArgumentException("hlc and payload are required");
        }
        this.group = group;
        this.origin = origin;
        this.hlc = hlc;
        this.payload = payload;
    }

    public String group() {
        return group;
    }

    public String origin() {
        return origin;
    }

    public Hlc hlc() {
        return hlc;
    }

    public EventPayload payload() {
        return payload;
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
        byte[] bytes = canonical;
        if (bytes == null) {
            bytes = toJson().canonical().getBytes(StandardCharsets.UTF_8);
            canonical = bytes;
        }
        return Arrays.copyOf(bytes, bytes.length);
    }

    public EventId id() {
        EventId computed = id;
        if (computed == null) {
            if (canonical == null) {
                canonicalBytes();
            }
            computed = EventId.of(canonical);
            id = computed;
        }
        return computed;
    }

    public Event signedWith(String signatureHex) {
        return new Event(id(), this, signatureHex);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnsignedEvent other && group.equals(other.group) && origin.equals(other.origin)
                && hlc.equals(other.hlc) && payload.equals(other.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(group, origin, hlc, payload);
    }

    @Override
    public String toString() {
        return "UnsignedEvent[group=" + group + ", origin=" + origin + ", hlc=" + hlc + ", payload=" + payload + "]";
    }
}
