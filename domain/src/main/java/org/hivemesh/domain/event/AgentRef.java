package org.hivemesh.domain.event;

/** Snapshot of an agent embedded in events: who wrote something, on which instance. */
public record AgentRef(String instanceId, String agentId, String name) {
    public AgentRef {
        Ids.require("instance_id", instanceId);
        Ids.require("agent_id", agentId);
        Ids.requireText("agent name", name, 200);
    }

    public String key() {
        return instanceId + "/" + agentId;
    }

    public JsonValue.JsonObject toJson() {
        return JsonValue.JsonObject.builder()
                .put("instance_id", instanceId).put("agent_id", agentId).put("name", name).build();
    }

    public static AgentRef fromJson(JsonValue.JsonObject json) {
        return new AgentRef(json.string("instance_id"), json.string("agent_id"), json.string("name"));
    }
}
