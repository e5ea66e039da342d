package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.hive.Entity;
import org.hivemesh.domain.hive.EntityKind;
import org.jooq.Field;
import org.jooq.Table;

/** Where each kind of entity is materialized, and the query columns it fills besides its state. */
enum EntityTable {
    POST(EntityKind.POST, POSTS, POST_ID) {
        @Override
        Map<Field<?>, Object> columns(Entity e) {
            Map<Field<?>, Object> columns = new LinkedHashMap<>();
            columns.put(CREATED, e.isCreated() ? 1 : 0);
            columns.put(CREATED_HLC, e.created().map(c -> c.string("hlc")).orElse(null));
            columns.put(DELETED, e.isDeleted() ? 1 : 0);
            return columns;
        }
    },
    COMMENT(EntityKind.COMMENT, COMMENTS, COMMENT_ID) {
        @Override
        Map<Field<?>, Object> columns(Entity e) {
            Map<Field<?>, Object> columns = new LinkedHashMap<>();
            columns.put(POST_ID, e.created().map(c -> c.string("post_id")).orElse(null));
            columns.put(PARENT_COMMENT_ID, e.created().flatMap(c -> c.optionalString("parent_comment_id")).orElse(null));
            columns.put(DELETED, e.isDeleted() ? 1 : 0);
            return columns;
        }
    },
    VOTE(EntityKind.VOTE, VOTES, VOTE_KEY) {
        @Override
        Map<Field<?>, Object> columns(Entity e) {
            JsonObject vote = (JsonObject) e.field("vote").orElseThrow().value();
            Map<Field<?>, Object> columns = new LinkedHashMap<>();
            columns.put(TARGET_TYPE, vote.string("target_type"));
            columns.put(TARGET_ID, vote.string("target_id"));
            columns.put(VALUE_INT, (int) vote.number("value"));
            return columns;
        }
    },
    SETTING(EntityKind.SETTING, SETTINGS, SETTING_KEY) {
        @Override
        Map<Field<?>, Object> columns(Entity e) {
            return Map.of(VALUE_TEXT, ((JsonObject) e.field("setting").orElseThrow().value()).required("value").canonical());
        }
    },
    MEMBER(EntityKind.MEMBER, MEMBERS, AGENT_KEY) {
        @Override
        Map<Field<?>, Object> columns(Entity e) {
            return Map.of(ACTION, ((JsonObject) e.field("membership").orElseThrow().value()).string("action"));
        }
    },
    MODERATOR(EntityKind.MODERATOR, MODERATORS, AGENT_KEY) {
        @Override
        Map<Field<?>, Object> columns(Entity e) {
            return Map.of(ACTION, ((JsonObject) e.field("moderator").orElseThrow().value()).string("action"));
        }
    },
    DECISION(EntityKind.DECISION, DECISIONS, DECISION_ID) {
        @Override
        Map<Field<?>, Object> columns(Entity e) {
            JsonObject c = e.created().orElseThrow();
            return Map.of(TOPIC, c.string("topic"), CHOICE, c.string("choice"),
                    AUTHOR_KEY, AgentRef.fromJson(c.object("author")).key());
        }
    },
    REVIEW(EntityKind.REVIEW, DECISION_REVIEWS, CONFLICT_ID) {
        @Override
        Map<Field<?>, Object> columns(Entity e) {
            return Map.of();
        }
    },
    ROSTER(EntityKind.ROSTER, GROUP_ROSTERS, ROSTER_KEY) {
        @Override
        Map<Field<?>, Object> columns(Entity e) {
            return Map.of();
        }
    };

    final EntityKind kind;
    final Table<?> table;
    final Field<String> id;

    EntityTable(EntityKind kind, Table<?> table, Field<String> id) {
        this.kind = kind;
        this.table = table;
        this.id = id;
    }

    abstract Map<Field<?>, Object> columns(Entity entity);

    static EntityTable of(EntityKind kind) {
        for (EntityTable t : values()) {
            if (t.kind == kind) {
                return t;
            }
        }
        throw new IllegalArgumentException("no table for " + kind);
    }
}
