package org.hivemesh.domain.event;

/** An immutable, signed, content-addressed event. */
public record Event(EventId id, UnsignedEvent body, String signature) {
    public Event {
        if (!isSignatureHex(signature)) {
            throw new IllegalArgumentException("signature must be 128 lowercase hex characters (64 bytes)");
        }
        if (!id.equals(body.id())) {
            throw new IllegalArgumentException("event id " + id + " does not match its content (expected " + body.id() + ")");
        }
    }

    private static boolean isSignatureHex(String signature) {
        if (signature == null || signature.length() != 128) {
            return false;
        }
        for (int i = 0; i < 128; i++) {
            char c = signature.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    public String group() {
        return body.group();
    }

    public EventType type() {
        return body.type();
    }

    public String origin() {
        return body.origin();
    }

    public Hlc hlc() {
        return body.hlc();
    }

    public EventPayload payload() {
        return body.payload();
    }

    /** The wire form: {@code {id, group, type, origin, hlc, payload, signature}}. */
    public JsonValue.JsonObject toJson() {
        return JsonValue.JsonObject.builder().put("id", id.value()).put("group", group())
                .put("type", type().wireName()).put("origin", origin()).put("hlc", hlc().toString())
                .put("payload", payload().toJson()).put("signature", signature).build();
    }

    /** Parses the wire form; an ID that does not match the content is rejected. */
    public static Event fromJson(JsonValue.JsonObject json) {
        EventType type = EventType.fromWire(json.string("type"));
        UnsignedEvent body = new UnsignedEvent(json.string("group"), json.string("origin"),
                Hlc.parse(json.string("hlc")), EventPayload.fromJson(type, json.object("payload")));
        return new Event(new EventId(json.string("id")), body, json.string("signature"));
    }
}
