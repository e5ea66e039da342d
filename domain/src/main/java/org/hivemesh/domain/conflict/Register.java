package org.hivemesh.domain.conflict;

import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue;

/** One value with the stamp of the write that set it; {@code byOwner} marks a write from the group's owner instance. */
public record Register(JsonValue value, Stamp stamp, boolean byOwner) {
    public JsonValue.JsonObject toJson() {
        return JsonValue.JsonObject.builder().put("value", value).put("hlc", stamp.hlc().toString())
                .put("event", stamp.eventId().value()).put("by_owner", byOwner).build();
    }

    public static Register fromJson(JsonValue.JsonObject json) {
        return new Register(json.required("value"),
                new Stamp(Hlc.parse(json.string("hlc")), new EventId(json.string("event"))),
                json.required("by_owner").equals(JsonValue.TRUE));
    }
}
