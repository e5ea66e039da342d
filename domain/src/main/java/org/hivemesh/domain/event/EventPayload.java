package org.hivemesh.domain.event;

import java.util.Optional;

/**
 * The closed family of event payloads, one record per {@link EventType}; the roster and ownership payloads, which
 * are about instances rather than hive content, live in files of their own.
 */
public sealed interface EventPayload permits EventPayload.PostCreated, EventPayload.PostUpdated,
        EventPayload.PostDeleted, EventPayload.CommentCreated, EventPayload.CommentUpdated, EventPayload.CommentDeleted,
        EventPayload.VoteCast, EventPayload.HiveSettingChanged, EventPayload.MembershipChanged,
        EventPayload.ModeratorChanged, EventPayload.DecisionRecorded, EventPayload.DecisionReviewed, RosterChanged,
        OwnerTransferred, OwnerSuccessionClaimed {
    int MAX_TITLE = 300;
    int MAX_CONTENT = 40_000;
    int MAX_URL = 2_000;
    int MAX_SHORT = 200;

    EventType type();

    /** The agent who did this: the author of a creation, the editor, voter, changer or reviewer. */
    AgentRef actor();

    JsonValue.JsonObject toJson();

    static EventPayload fromJson(EventType type, JsonValue.JsonObject json) {
        return PayloadJson.read(type, json);
    }

    /** A post's ID is derived from the event that created it: {@code post_} + its hex. */
    record PostCreated(String title, Optional<String> content, Optional<String> url, AgentRef author)
            implements EventPayload {
        public PostCreated {
            Ids.requireText("title", title, MAX_TITLE);
            content = PayloadJson.optionalText("content", content, MAX_CONTENT);
            url = PayloadJson.optionalText("url", url, MAX_URL);
        }

        public EventType type() {
            return EventType.POST_CREATED;
        }

        public AgentRef actor() {
            return author;
        }

        public JsonValue.JsonObject toJson() {
            return JsonValue.JsonObject.builder().put("title", title).putIfPresent("content", content)
                    .putIfPresent("url", url).put("author", author.toJson()).build();
        }
    }

    record PostUpdated(String postId, Optional<String> title, Optional<String> content, Optional<String> url,
                       AgentRef updatedBy) implements EventPayload {
        public PostUpdated {
            Ids.require("post_id", postId);
            title.ifPresent(t -> Ids.requireText("title", t, MAX_TITLE));
            content = PayloadJson.optionalText("content", content, MAX_CONTENT);
            url = PayloadJson.optionalText("url", url, MAX_URL);
            if (title.isEmpty() && content.isEmpty() && url.isEmpty()) {
                throw new IllegalArgumentException("an edit must change title, content or url");
            }
        }

        public EventType type() {
            return EventType.POST_UPDATED;
        }

        public AgentRef actor() {
            return updatedBy;
        }

        public JsonValue.JsonObject toJson() {
            return JsonValue.JsonObject.builder().put("post_id", postId).putIfPresent("title", title)
                    .putIfPresent("content", content).putIfPresent("url", url)
                    .put("updated_by", updatedBy.toJson()).build();
        }
    }

    record PostDeleted(String postId, AgentRef deletedBy, Optional<String> reason) implements EventPayload {
        public PostDeleted {
            Ids.require("post_id", postId);
            reason = PayloadJson.optionalText("reason", reason, MAX_SHORT);
        }

        public EventType type() {
            return EventType.POST_DELETED;
        }

        public AgentRef actor() {
            return deletedBy;
        }

        public JsonValue.JsonObject toJson() {
            return JsonValue.JsonObject.builder().put("post_id", postId).put("deleted_by", deletedBy.toJson())
                    .putIfPresent("reason", reason).build();
        }
    }

    /** A comment's ID is derived from its event: {@code cmt_} + its hex. */
    record CommentCreated(String postId, Optional<String> parentCommentId, String content, AgentRef author)
            implements EventPayload {
        public CommentCreated {
            Ids.require("post_id", postId);
            parentCommentId.ifPresent(p -> Ids.require("parent_comment_id", p));
            Ids.requireText("content", content, MAX_CONTENT);
        }

        public EventType type() {
            return EventType.COMMENT_CREATED;
        }

        public AgentRef actor() {
            return author;
        }

        public JsonValue.JsonObject toJson() {
            return JsonValue.JsonObject.builder().put("post_id", postId)
                    .putIfPresent("parent_comment_id", parentCommentId).put("content", content)
                    .put("author", author.toJson()).build();
        }
    }

    record CommentUpdated(String commentId, String content, AgentRef updatedBy) implements EventPayload {
        public CommentUpdated {
            Ids.require("comment_id", commentId);
            Ids.requireText("content", content, MAX_CONTENT);
        }

        public EventType type() {
            return EventType.COMMENT_UPDATED;
        }

        public AgentRef actor() {
            return updatedBy;
        }

        public JsonValue.JsonObject toJson() {
            return JsonValue.JsonObject.builder().put("comment_id", commentId).put("content", content)
                    .put("updated_by", updatedBy.toJson()).build();
        }
    }

    record CommentDeleted(String commentId, AgentRef deletedBy, Optional<String> reason) implements EventPayload {
        public CommentDeleted {
            Ids.require("comment_id", commentId);
            reason = PayloadJson.optionalText("reason", reason, MAX_SHORT);
        }

        public EventType type() {
            return EventType.COMMENT_DELETED;
        }

        public AgentRef actor() {
            return deletedBy;
        }

        public JsonValue.JsonObject toJson() {
            return JsonValue.JsonObject.builder().put("comment_id", commentId).put("deleted_by", deletedBy.toJson())
                    .putIfPresent("reason", reason).build();
        }
    }

    record VoteCast(TargetType targetType, String targetId, AgentRef voter, int value) implements EventPayload {
        public VoteCast {
            Ids.require("target_id", targetId);
            if (value < -1 || value > 1) {
                throw new IllegalArgumentException("vote value must be 1, -1 or 0");
            }
        }

        public EventType type() {
            return EventType.VOTE_CAST;
        }

        public AgentRef actor() {
            return voter;
        }

        public JsonValue.JsonObject toJson() {
            return JsonValue.JsonObject.builder().put("target_type", targetType.wire()).put("target_id", targetId)
                    .put("voter", voter.toJson()).put("value", value).build();
        }
    }

    record HiveSettingChanged(String key, JsonValue value, AgentRef changedBy) implements EventPayload {
        public HiveSettingChanged {
            Ids.require("setting key", key);
            if (value.canonical().length() > MAX_CONTENT) {
                throw new IllegalArgumentException("setting value must be at most " + MAX_CONTENT + " characters");
            }
        }

        public EventType type() {
            return EventType.HIVE_SETTING_CHANGED;
        }

        public AgentRef actor() {
            return changedBy;
        }

        public JsonValue.JsonObject toJson() {
            return JsonValue.JsonObject.builder().put("key", key).put("value", value)
                    .put("changed_by", changedBy.toJson()).build();
        }
    }

    record MembershipChanged(AgentRef agent, MembershipAction action, AgentRef by) implements EventPayload {
        public EventType type() {
            return EventType.MEMBERSHIP_CHANGED;
        }

        public AgentRef actor() {
            return by;
        }

        public JsonValue.JsonObject toJson() {
            return JsonValue.JsonObject.builder().put("agent", agent.toJson()).put("action", action.wire())
                    .put("by", by.toJson()).build();
        }
    }

    record ModeratorChanged(AgentRef agent, ModeratorAction action, AgentRef by) implements EventPayload {
        public EventType type() {
            return EventType.MODERATOR_CHANGED;
        }

        public AgentRef actor() {
            return by;
        }

        public JsonValue.JsonObject toJson() {
            return JsonValue.JsonObject.builder().put("agent", agent.toJson()).put("action", action.wire())
                    .put("by", by.toJson()).build();
        }
    }

    /** A decision's ID is derived from its event: {@code dec_} + its hex. */
    record DecisionRecorded(String topic, String choice, String text, double confidence, String category,
                            Stakes stakes, AgentRef author) implements EventPayload {
        public DecisionRecorded {
            Ids.requireText("topic", topic, MAX_SHORT);
            Ids.requireText("choice", choice, MAX_SHORT);
            Ids.requireText("text", text, MAX_CONTENT);
            Ids.requireText("category", category, MAX_SHORT);
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException("confidence must be between 0 and 1");
            }
        }

        public EventType type() {
            return EventType.DECISION_RECORDED;
        }

        public AgentRef actor() {
            return author;
        }

        public JsonValue.JsonObject toJson() {
            return JsonValue.JsonObject.builder().put("topic", topic).put("choice", choice).put("text", text)
                    .put("confidence", confidence).put("category", category).put("stakes", stakes.wire())
                    .put("author", author.toJson()).build();
        }
    }

    record DecisionReviewed(String conflictId, String keepDecisionId, String note, AgentRef reviewer)
            implements EventPayload {
        public DecisionReviewed {
            Ids.require("conflict_id", conflictId);
            Ids.require("keep_decision_id", keepDecisionId);
            if (note.length() > MAX_CONTENT) {
                throw new IllegalArgumentException("note must be at most " + MAX_CONTENT + " characters");
            }
        }

        public EventType type() {
            return EventType.DECISION_REVIEWED;
        }

        public AgentRef actor() {
            return reviewer;
        }

        public JsonValue.JsonObject toJson() {
            return JsonValue.JsonObject.builder().put("conflict_id", conflictId)
                    .put("keep_decision_id", keepDecisionId).put("note", note)
                    .put("reviewer", reviewer.toJson()).build();
        }
    }
}
