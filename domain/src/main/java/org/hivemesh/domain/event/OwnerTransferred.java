package org.hivemesh.domain.event;

/** The owner instance hands ownership of the group to {@code owner}, an agent of another roster member. */
public record OwnerTransferred(AgentRef owner, AgentRef by) implements EventPayload {
    public EventType type() {
        return EventType.OWNER_TRANSFERRED;
    }

    public AgentRef actor() {
        return by;
    }

    public JsonValue.JsonObject toJson() {
        return JsonValue.JsonObject.builder().put("owner", owner.toJson()).put("by", by.toJson()).build();
    }
}
