package org.hivemesh.domain.event;

/**
 * A roster member's claim that the owner has been silent for {@code silenceLimitMillis} and that {@code successor}
 * should own the group; ownership moves once every active non-owner member claims the same successor.
 */
public record OwnerSuccessionClaimed(AgentRef successor, long silenceLimitMillis, AgentRef by) implements EventPayload {
    public OwnerSuccessionClaimed {
        if (silenceLimitMillis <= 0) {
            throw new IllegalArgumentException("silence_limit_ms must be positive");
        }
    }

    public EventType type() {
        return EventType.OWNER_SUCCESSION_CLAIMED;
    }

    public AgentRef actor() {
        return by;
    }

    public JsonValue.JsonObject toJson() {
        return JsonValue.JsonObject.builder().put("successor", successor.toJson())
                .put("silence_limit_ms", silenceLimitMillis).put("by", by.toJson()).build();
    }
}
