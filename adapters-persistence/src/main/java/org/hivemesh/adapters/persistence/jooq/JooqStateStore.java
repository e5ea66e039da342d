package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.selectCount;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.domain.conflict.VoteLww;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.hive.AuthorityRule;
import org.hivemesh.domain.hive.Entity;
import org.hivemesh.domain.hive.EntityKey;
import org.hivemesh.domain.hive.EntityKind;
import org.hivemesh.domain.hive.HiveOwner;
import org.hivemesh.domain.hive.HiveState;
import org.hivemesh.domain.hive.Materializer;
import org.hivemesh.domain.hive.PostView;
import org.hivemesh.domain.hive.Refusal;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertOnDuplicateSetMoreStep;
import org.jooq.InsertSetMoreStep;
import org.jooq.SortField;

/**
 * Materializes events into tables through the domain's {@link Materializer}: the same conflict and authority rules
 * as the pure projection, fed by batched queries over the log (by entity, by acting agent) and the entity tables.
 * Scores are kept alongside for the feed; events without effect are listed in {@code refused_events}.
 */
final class JooqStateStore implements StateStore {
    private static final int IN_CHUNK = 500;

    private final JooqTransactions tx;

    JooqStateStore(JooqTransactions tx) {
        this.tx = tx;
    }

    /** One group's stored state as the materializer reads it. */
    private final class Source implements Materializer.Source {
        private final String group;

        Source(String group) {
            this.group = group;
        }

        @Override
        public Map<EntityKey, Entity> entities(Set<EntityKey> keys) {
            Map<EntityKey, Entity> found = new HashMap<>();
            Map<EntityKind, List<String>> byKind = new TreeMap<>();
            keys.forEach(k -> byKind.computeIfAbsent(k.kind(), x -> new ArrayList<>()).add(k.id()));
            byKind.forEach((kind, ids) -> {
                EntityTable t = EntityTable.of(kind);
                for (List<String> chunk : chunks(ids)) {
                    tx.ctx().select(STATE).from(t.table).where(GROUP_ID.eq(group).and(t.id.in(chunk)))
                            .fetch(r -> entity(r.value1())).forEach(e -> found.put(e.key(), e));
                }
            });
            return found;
        }

        @Override
        public List<Event> eventsOf(Set<EntityKey> keys) {
            List<String> wires = keys.stream().map(EntityKey::wire).toList();
            List<Event> events = new ArrayList<>();
            for (List<String> chunk : chunks(wires)) {
                tx.ctx().select(SEQ, EVENT_ID, EVENT_TYPE, ORIGIN, HLC, PAYLOAD, SIGNATURE).from(EVENTS)
                        .where(GROUP_ID.eq(group).and(ENTITY_KEY.in(chunk)))
                        .fetch(r -> JooqEventStore.toStored(group, r).event()).forEach(events::add);
            }
            return events;
        }

        @Override
        public Set<EntityKey> keysActedBy(Set<String> agentKeys) {
            Set<EntityKey> keys = new TreeSet<>();
            for (List<String> chunk : chunks(new ArrayList<>(agentKeys))) {
                tx.ctx().selectDistinct(ENTITY_KEY).from(EVENTS).where(GROUP_ID.eq(group).and(ACTOR_KEY.in(chunk)))
                        .fetch(ENTITY_KEY).forEach(k -> keys.add(EntityKey.fromWire(k)));
            }
            return keys;
        }
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        }
        return chunks;
    }

    @Override
    public List<Refusal> apply(String group, HiveOwner owner, List<Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return tx.inTransaction(() -> {
            DSLContext c = tx.ctx();
            Materializer.Outcome outcome = Materializer.apply(owner, events, new Source(group));
            for (Materializer.Change change : outcome.changes()) {
                if (change.after().isPresent()) {
                    save(c, group, change.after().get());
                } else {
                    EntityTable t = EntityTable.of(change.key().kind());
                    c.deleteFrom(t.table).where(GROUP_ID.eq(group).and(t.id.eq(change.key().id()))).execute();
                }
                if (change.key().kind() == EntityKind.VOTE) {
                    rescore(c, group, change.before(), change.after());
                }
            }
            List<String> recomputed = outcome.recomputed().stream().map(EntityKey::wire).toList();
            for (List<String> chunk : chunks(recomputed)) {
                c.deleteFrom(REFUSED_EVENTS).where(GROUP_ID.eq(group).and(ENTITY_KEY.in(chunk))).execute();
            }
            for (Refusal r : outcome.refusals()) {
                c.insertInto(REFUSED_EVENTS).set(GROUP_ID, group).set(EVENT_ID, r.eventId().value())
                        .set(ENTITY_KEY, r.entity().wire()).set(RULE, r.rule().wire())
                        .onConflict(GROUP_ID, EVENT_ID).doUpdate().set(RULE, r.rule().wire()).execute();
            }
            Set<EventId> fresh = new HashSet<>();
            events.forEach(e -> fresh.add(e.id()));
            return outcome.refusals().stream().filter(r -> fresh.contains(r.eventId())).toList();
        });
    }

    @Override
    public Optional<AuthorityRule> refusalOf(String group, HiveOwner owner, Event event) {
        return Materializer.refusalOf(owner, event, new Source(group));
    }

    @Override
    public List<RefusedEvent> refused(String group, int limit) {
        return tx.ctx().select(q(EVENTS, SEQ), q(EVENTS, EVENT_ID), EVENT_TYPE, ORIGIN, HLC, PAYLOAD, SIGNATURE, RULE)
                .from(REFUSED_EVENTS).join(EVENTS).on(q(EVENTS, GROUP_ID).eq(q(REFUSED_EVENTS, GROUP_ID))
                        .and(q(EVENTS, EVENT_ID).eq(q(REFUSED_EVENTS, EVENT_ID))))
                .where(q(REFUSED_EVENTS, GROUP_ID).eq(group)).orderBy(HLC.desc(), q(EVENTS, EVENT_ID)).limit(limit)
                .fetch(r -> new RefusedEvent(JooqEventStore.toStored(group, r).event(), AuthorityRule.fromWire(r.get(RULE))));
    }

    @Override
    public int refusedCount(String group) {
        return tx.ctx().fetchCount(REFUSED_EVENTS, GROUP_ID.eq(group));
    }

    private static Optional<Entity> load(DSLContext c, String group, EntityKey key) {
        EntityTable t = EntityTable.of(key.kind());
        return c.select(STATE).from(t.table).where(GROUP_ID.eq(group).and(t.id.eq(key.id())))
                .fetchOptional(STATE).map(JooqStateStore::entity);
    }

    private static Entity entity(String state) {
        return Entity.fromJson(Json.parseObject(state));
    }

    @SuppressWarnings("unchecked")
    private static void save(DSLContext c, String group, Entity entity) {
        EntityTable t = EntityTable.of(entity.key().kind());
        String state = entity.toJson().canonical();
        Map<Field<?>, Object> columns = t.columns(entity);
        InsertSetMoreStep<?> insert = c.insertInto(t.table).set(GROUP_ID, group).set(t.id, entity.key().id()).set(STATE, state);
        for (Map.Entry<Field<?>, Object> column : columns.entrySet()) {
            insert = insert.set((Field<Object>) column.getKey(), column.getValue());
        }
        InsertOnDuplicateSetMoreStep<?> update = insert.onConflict(GROUP_ID, t.id).doUpdate().set(STATE, state);
        for (Map.Entry<Field<?>, Object> column : columns.entrySet()) {
            update = update.set((Field<Object>) column.getKey(), column.getValue());
        }
        update.execute();
    }

    private static int voteValue(Optional<Entity> vote) {
        return vote.flatMap(v -> v.field("vote")).map(VoteLww::effectiveValue).orElse(0);
    }

    private static void rescore(DSLContext c, String group, Optional<Entity> before, Optional<Entity> after) {
        int delta = voteValue(after) - voteValue(before);
        if (delta == 0) {
            return;
        }
        JsonObject v = (JsonObject) after.or(() -> before).flatMap(e -> e.field("vote")).orElseThrow().value();
        c.insertInto(SCORES).set(GROUP_ID, group).set(TARGET_TYPE, v.string("target_type"))
                .set(TARGET_ID, v.string("target_id")).set(SCORE, delta)
                .onConflict(GROUP_ID, TARGET_TYPE, TARGET_ID).doUpdate().set(SCORE, q(SCORES, SCORE).plus(delta)).execute();
    }

    @Override
    public Optional<Entity> entity(String group, EntityKey key) {
        return load(tx.ctx(), group, key);
    }

    @Override
    public Optional<String> groupOf(EntityKind kind, String id) {
        EntityTable t = EntityTable.of(kind);
        return tx.ctx().select(GROUP_ID).from(t.table).where(t.id.eq(id)).limit(1).fetchOptional(GROUP_ID);
    }

    @Override
    public List<Entity> entities(String group, EntityKind kind) {
        EntityTable t = EntityTable.of(kind);
        return tx.ctx().select(STATE).from(t.table).where(GROUP_ID.eq(group)).orderBy(t.id).fetch(r -> entity(r.value1()));
    }

    @Override
    public List<String> idsWithPrefix(EntityKind kind, String prefix, int limit) {
        if (!prefix.matches("[a-z]+_[0-9a-f]*")) {
            return List.of();
        }
        EntityTable t = EntityTable.of(kind);
        return tx.ctx().selectDistinct(t.id).from(t.table).where(t.id.like(prefix + "%")).orderBy(t.id).limit(limit)
                .fetch(t.id);
    }

    @Override
    public FeedPage feed(String group, FeedOrder order, int limit, Optional<String> afterPosition) {
        int offset = afterPosition.map(JooqStateStore::offset).orElse(0);
        Field<Integer> score = coalesce(q(SCORES, SCORE), inline(0)).as("post_score");
        Field<Integer> comments = selectCount().from(COMMENTS)
                .where(q(COMMENTS, GROUP_ID).eq(q(POSTS, GROUP_ID))
                        .and(q(COMMENTS, POST_ID).eq(q(POSTS, POST_ID)))
                        .and(q(COMMENTS, DELETED).eq(0)))
                .asField("comment_count");
        List<SortField<?>> sort = new ArrayList<>();
        if (order == FeedOrder.TOP) {
            sort.add(coalesce(q(SCORES, SCORE), inline(0)).desc());
        }
        sort.add(q(POSTS, CREATED_HLC).desc());
        sort.add(q(POSTS, POST_ID).asc());
        List<PostView> posts = tx.ctx().select(q(POSTS, STATE), score, comments).from(POSTS)
                .leftJoin(SCORES).on(q(SCORES, GROUP_ID).eq(q(POSTS, GROUP_ID))
                        .and(q(SCORES, TARGET_TYPE).eq("post")).and(q(SCORES, TARGET_ID).eq(q(POSTS, POST_ID))))
                .where(q(POSTS, GROUP_ID).eq(group).and(q(POSTS, CREATED).eq(1)).and(q(POSTS, DELETED).eq(0)))
                .orderBy(sort).limit(limit + 1).offset(offset)
                .fetch(r -> PostView.of(entity(r.get(0, String.class)), r.get(1, Integer.class), r.get(2, Integer.class)).orElseThrow());
        Optional<String> next = posts.size() > limit ? Optional.of(String.valueOf(offset + limit)) : Optional.empty();
        return new FeedPage(List.copyOf(posts.subList(0, Math.min(limit, posts.size()))), next);
    }

    private static int offset(String position) {
        try {
            int offset = Integer.parseInt(position);
            if (offset < 0) {
                throw new IllegalArgumentException("cursor must not be negative");
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed cursor: " + position);
        }
    }

    @Override
    public HiveState postWithThread(String group, String postId) {
        DSLContext c = tx.ctx();
        List<Entity> related = new ArrayList<>();
        load(c, group, new EntityKey(EntityKind.POST, postId)).ifPresent(related::add);
        List<Entity> comments = c.select(STATE).from(COMMENTS).where(GROUP_ID.eq(group).and(POST_ID.eq(postId)))
                .fetch(r -> entity(r.value1()));
        related.addAll(comments);
        List<String> commentIds = comments.stream().map(e -> e.key().id()).toList();
        related.addAll(c.select(STATE).from(VOTES).where(GROUP_ID.eq(group).and(
                        TARGET_TYPE.eq("post").and(TARGET_ID.eq(postId))
                                .or(TARGET_TYPE.eq("comment").and(TARGET_ID.in(commentIds)))))
                .fetch(r -> entity(r.value1())));
        return HiveState.of(related);
    }

    @Override
    public String stateDigest(String group) {
        List<Entity> all = new ArrayList<>();
        for (EntityTable t : EntityTable.values()) {
            all.addAll(entities(group, t.kind));
        }
        return HiveState.digestOf(all);
    }
}
