package org.hivemesh.domain.event;

import java.util.Arrays;
import java.util.Optional;

/** Reading payloads from their JSON, and the field checks their records share. */
final class PayloadJson {
    private PayloadJson() {
    }

    static EventPayload read(EventType type, JsonValue.JsonObject json) {
        return switch (type) {
            case POST_CREATED -> new EventPayload.PostCreated(json.string("title"), json.optionalString("content"),
                    json.optionalString("url"), AgentRef.fromJson(json.object("author")));
            case POST_UPDATED -> new EventPayload.PostUpdated(json.string("post_id"), json.optionalString("title"),
                    json.optionalString("content"), json.optionalString("url"), AgentRef.fromJson(json.object("updated_by")));
            case POST_DELETED -> new EventPayload.PostDeleted(json.string("post_id"), AgentRef.fromJson(json.object("deleted_by")),
                    json.optionalString("reason"));
            case COMMENT_CREATED -> new EventPayload.CommentCreated(json.string("post_id"), json.optionalString("parent_comment_id"),
                    json.string("content"), AgentRef.fromJson(json.object("author")));
            case COMMENT_UPDATED -> new EventPayload.CommentUpdated(json.string("comment_id"), json.string("content"),
                    AgentRef.fromJson(json.object("updated_by")));
            case COMMENT_DELETED -> new EventPayload.CommentDeleted(json.string("comment_id"), AgentRef.fromJson(json.object("deleted_by")),
                    json.optionalString("reason"));
            case VOTE_CAST -> new EventPayload.VoteCast(TargetType.fromWire(json.string("target_type")), json.string("target_id"),
                    AgentRef.fromJson(json.object("voter")), (int) integer(json, "value"));
            case HIVE_SETTING_CHANGED -> new EventPayload.HiveSettingChanged(json.string("key"), json.required("value"),
                    AgentRef.fromJson(json.object("changed_by")));
            case MEMBERSHIP_CHANGED -> new EventPayload.MembershipChanged(AgentRef.fromJson(json.object("agent")),
                    MembershipAction.fromWire(json.string("action")), AgentRef.fromJson(json.object("by")));
            case MODERATOR_CHANGED -> new EventPayload.ModeratorChanged(AgentRef.fromJson(json.object("agent")),
                    ModeratorAction.fromWire(json.string("action")), AgentRef.fromJson(json.object("by")));
            case DECISION_RECORDED -> new EventPayload.DecisionRecorded(json.string("topic"), json.string("choice"), json.string("text"),
                    json.number("confidence"), json.string("category"), Stakes.fromWire(json.string("stakes")),
                    AgentRef.fromJson(json.object("author")));
            case DECISION_REVIEWED -> new EventPayload.DecisionReviewed(json.string("conflict_id"), json.string("keep_decision_id"),
                    json.optionalString("note").orElse(""), AgentRef.fromJson(json.object("reviewer")));
            case ROSTER_CHANGED -> new RosterChanged(json.string("instance_id"), RosterAction.fromWire(json.string("action")),
                    json.optionalString("plan_id"), AgentRef.fromJson(json.object("by")));
            case OWNER_TRANSFERRED -> new OwnerTransferred(AgentRef.fromJson(json.object("owner")),
                    AgentRef.fromJson(json.object("by")));
            case OWNER_SUCCESSION_CLAIMED -> new OwnerSuccessionClaimed(AgentRef.fromJson(json.object("successor")),
                    integer(json, "silence_limit_ms"), AgentRef.fromJson(json.object("by")));
        };
    }

    static long integer(JsonValue.JsonObject json, String key) {
        try {
            return ((JsonValue.JsonNumber) json.required(key)).asLong();
        } catch (ClassCastException | IllegalArgumentException e) {
            throw new JsonFieldException(key, "must be an integer");
        }
    }

    static Optional<String> optionalText(String kind, Optional<String> value, int max) {
        value.ifPresent(v -> {
            if (v.length() > max) {
                throw new IllegalArgumentException(kind + " must be at most " + max + " characters");
            }
        });
        return value;
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + type.getSimpleName() + ": " + name));
    }
}
