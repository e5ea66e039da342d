package org.hivemesh.domain.hive;

import java.util.Optional;
import org.hivemesh.domain.conflict.Lww;
import org.hivemesh.domain.conflict.OwnerPreferringLww;
import org.hivemesh.domain.conflict.Register;
import org.hivemesh.domain.conflict.Stamp;
import org.hivemesh.domain.conflict.Tombstone;
import org.hivemesh.domain.conflict.VoteLww;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.EventPayload.CommentCreated;
import org.hivemesh.domain.event.EventPayload.CommentDeleted;
import org.hivemesh.domain.event.EventPayload.CommentUpdated;
import org.hivemesh.domain.event.EventPayload.DecisionRecorded;
import org.hivemesh.domain.event.EventPayload.DecisionReviewed;
import org.hivemesh.domain.event.EventPayload.HiveSettingChanged;
import org.hivemesh.domain.event.EventPayload.MembershipChanged;
import org.hivemesh.domain.event.EventPayload.ModeratorChanged;
import org.hivemesh.domain.event.EventPayload.PostCreated;
import org.hivemesh.domain.event.EventPayload.PostDeleted;
import org.hivemesh.domain.event.EventPayload.PostUpdated;
import org.hivemesh.domain.event.EventPayload.VoteCast;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/**
 * The conflict rules of SPEC.md as one pure reducer: which entity an event touches, and that entity
 * after the event. Commutative, associative and idempotent per entity, so any order and any
 * duplication of a set of events gives the same state.
 */
public final class HiveRules {
    private HiveRules() {
    }

    public static String postId(Event created) {
        return "post_" + created.id().hex();
    }

    public static String commentId(Event created) {
        return "cmt_" + created.id().hex();
    }

    public static String decisionId(Event recorded) {
        return "dec_" + recorded.id().hex();
    }

    public static EntityKey keyOf(Event event) {
        EventPayload payload = event.payload();
        if (payload instanceof PostCreated) {
            return new EntityKey(EntityKind.POST, postId(event));
        } else if (payload instanceof PostUpdated p) {
            return new EntityKey(EntityKind.POST, p.postId());
        } else if (payload instanceof PostDeleted p) {
            return new EntityKey(EntityKind.POST, p.postId());
        } else if (payload instanceof CommentCreated) {
            return new EntityKey(EntityKind.COMMENT, commentId(event));
        } else if (payload instanceof CommentUpdated c) {
            return new EntityKey(EntityKind.COMMENT, c.commentId());
        } else if (payload instanceof CommentDeleted c) {
            return new EntityKey(EntityKind.COMMENT, c.commentId());
        } else if (payload instanceof VoteCast v) {
            return new EntityKey(EntityKind.VOTE, v.voter().key() + "|" + v.targetType().wire() + ":" + v.targetId());
        } else if (payload instanceof HiveSettingChanged s) {
            return new EntityKey(EntityKind.SETTING, s.key());
        } else if (payload instanceof MembershipChanged m) {
            return new EntityKey(EntityKind.MEMBER, m.agent().key());
        } else if (payload instanceof ModeratorChanged m) {
            return new EntityKey(EntityKind.MODERATOR, m.agent().key());
        } else if (payload instanceof DecisionRecorded) {
            return new EntityKey(EntityKind.DECISION, decisionId(event));
        } else if (payload instanceof DecisionReviewed r) {
            return new EntityKey(EntityKind.REVIEW, r.conflictId());
        } else if (RosterRules.isRosterEvent(event)) {
            return EntityKey.ROSTER;
        }
        throw new IllegalStateException("unhandled payload " + payload.type());
    }

    /** The entity after {@code event}; {@code ownerInstanceId} is the group owner for owner-preferring rules. */
    public static Entity apply(Optional<Entity> current, Event event, String ownerInstanceId) {
        EntityKey key = keyOf(event);
        Entity entity = current.orElse(Entity.empty(key));
        if (!entity.key().equals(key)) {
            throw new IllegalArgumentException("event " + event.id() + " touches " + key + ", not " + entity.key());
        }
        Stamp stamp = Stamp.of(event);
        boolean byOwner = event.origin().equals(ownerInstanceId);
        EventPayload payload = event.payload();
        if (payload instanceof PostCreated p) {
            if (entity.isCreated()) {
                return entity;
            }
            Entity next = entity.withCreated(created(event, p.author()).build());
            next = lww(next, "title", JsonValue.of(p.title()), stamp);
            next = lww(next, "content", optional(p.content()), stamp);
            return lww(next, "url", optional(p.url()), stamp);
        } else if (payload instanceof PostUpdated p) {
            Entity next = entity;
            if (p.title().isPresent()) {
                next = lww(next, "title", JsonValue.of(p.title().get()), stamp);
            }
            if (p.content().isPresent()) {
                next = lww(next, "content", JsonValue.of(p.content().get()), stamp);
            }
            if (p.url().isPresent()) {
                next = lww(next, "url", JsonValue.of(p.url().get()), stamp);
            }
            return next;
        } else if (payload instanceof PostDeleted p) {
            return tombstone(entity, p.deletedBy().toJson(), p.reason(), stamp);
        } else if (payload instanceof CommentCreated c) {
            if (entity.isCreated()) {
                return entity;
            }
            JsonValue.Builder attributes = created(event, c.author()).put("post_id", c.postId())
                    .putIfPresent("parent_comment_id", c.parentCommentId());
            return lww(entity.withCreated(attributes.build()), "content", JsonValue.of(c.content()), stamp);
        } else if (payload instanceof CommentUpdated c) {
            return lww(entity, "content", JsonValue.of(c.content()), stamp);
        } else if (payload instanceof CommentDeleted c) {
            return tombstone(entity, c.deletedBy().toJson(), c.reason(), stamp);
        } else if (payload instanceof VoteCast v) {
            JsonObject value = JsonObject.builder().put("value", v.value()).put("voter", v.voter().toJson())
                    .put("target_type", v.targetType().wire()).put("target_id", v.targetId()).build();
            return entity.withField("vote", VoteLww.merge(entity.field("vote"), new Register(value, stamp, byOwner)));
        } else if (payload instanceof HiveSettingChanged s) {
            JsonObject value = JsonObject.builder().put("value", s.value()).put("by", s.changedBy().toJson()).build();
            return owned(entity, "setting", value, stamp, byOwner);
        } else if (payload instanceof MembershipChanged m) {
            JsonObject value = JsonObject.builder().put("action", m.action().wire()).put("agent", m.agent().toJson())
                    .put("by", m.by().toJson()).build();
            return owned(entity, "membership", value, stamp, byOwner);
        } else if (payload instanceof ModeratorChanged m) {
            JsonObject value = JsonObject.builder().put("action", m.action().wire()).put("agent", m.agent().toJson())
                    .put("by", m.by().toJson()).build();
            return owned(entity, "moderator", value, stamp, byOwner);
        } else if (payload instanceof DecisionRecorded d) {
            if (entity.isCreated()) {
                return entity;
            }
            JsonValue.Builder attributes = created(event, d.author());
            d.toJson().members().forEach(attributes::put);
            return entity.withCreated(attributes.build());
        } else if (payload instanceof DecisionReviewed r) {
            JsonObject value = JsonObject.builder().put("keep_decision_id", r.keepDecisionId()).put("note", r.note())
                    .put("reviewer", r.reviewer().toJson()).build();
            return entity.withField("review", Lww.merge(entity.field("review"), new Register(value, stamp, byOwner)));
        }
        throw new IllegalStateException("unhandled payload " + payload.type());
    }

    private static JsonValue.Builder created(Event event, AgentRef author) {
        return JsonObject.builder().put("author", author.toJson()).put("origin", event.origin())
                .put("hlc", event.hlc().toString()).put("event", event.id().value());
    }

    private static JsonValue optional(Optional<String> value) {
        return value.<JsonValue>map(JsonValue::of).orElse(JsonValue.NULL);
    }

    private static Entity lww(Entity entity, String field, JsonValue value, Stamp stamp) {
        return entity.withField(field, Lww.merge(entity.field(field), new Register(value, stamp, false)));
    }

    private static Entity owned(Entity entity, String field, JsonObject value, Stamp stamp, boolean byOwner) {
        return entity.withField(field, OwnerPreferringLww.merge(entity.field(field), new Register(value, stamp, byOwner)));
    }

    private static Entity tombstone(Entity entity, JsonObject by, Optional<String> reason, Stamp stamp) {
        JsonObject value = JsonObject.builder().put("by", by).putIfPresent("reason", reason).build();
        return entity.withTombstone(Tombstone.merge(entity.tombstone(), new Register(value, stamp, false)));
    }
}
