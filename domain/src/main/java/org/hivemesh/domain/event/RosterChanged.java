package org.hivemesh.domain.event;

import java.util.Optional;

/**
 * An instance admitted to, removed from or leaving a group's roster, signed by an agent of the instance that made
 * the change; {@code planId} names the join plan the roster approved, for an admission.
 */
public record RosterChanged(String instanceId, RosterAction action, Optional<String> planId, AgentRef by)
        implements EventPayload {
    public RosterChanged {
        Ids.require("instance_id", instanceId);
        planId.ifPresent(p -> Ids.require("plan_id", p));
    }

    public EventType type() {
        return EventType.ROSTER_CHANGED;
    }

    public AgentRef actor() {
        return by;
    }

    public JsonValue.JsonObject toJson() {
        return JsonValue.JsonObject.builder().put("instance_id", instanceId).put("action", action.wire())
                .putIfPresent("plan_id", planId).put("by", by.toJson()).build();
    }
}
