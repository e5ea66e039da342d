package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.selectCount;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.hivemesh.domain.hive.StateDigest;
import org.hivemesh.domain.hive.WriteChecks;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;

/**
 * Materializes events into tables through the domain's {@link Materializer}: the same conflict and authority rules
 * as the pure projection, fed by batched queries over the log (by entity, by acting agent) and the entity tables.
 * A batch is written set-wise (one statement per table, bound for every row); scores are kept alongside for the feed, and the group's {@link StateDigest} moves with
 * each change, so reading it costs one row. Events without effect are listed in {@code refused_events}.
 */
final class JooqStateStore implements StateStore {
    private final JooqTransactions tx;

    JooqStateStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public List<Refusal> apply(String group, HiveOwner owner, List<Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return tx.inTransaction(() -> {
            DSLContext c = tx.ctx();
            JooqMaterializerSource source = new JooqMaterializerSource(tx, group);
            Materializer.Outcome outcome = Materializer.apply(owner, events, source);
            write(c, group, outcome.changes(), source);
            List<String> recomputed = outcome.recomputed().stream().map(EntityKey::wire).toList();
            for (List<String> chunk : Chunks.of(recomputed, Chunks.IN_LIST)) {
                c.deleteFrom(REFUSED_EVENTS).where(GROUP_ID.eq(group).and(ENTITY_KEY.in(chunk))).execute();
            }
            if (!outcome.refusals().isEmpty()) {
                JdbcBatch insert = new JdbcBatch(c, c.insertInto(REFUSED_EVENTS, GROUP_ID, EVENT_ID, ENTITY_KEY, RULE)
                        .values((String) null, null, null, null)
                        .onConflict(GROUP_ID, EVENT_ID).doUpdate().set(RULE, excluded(RULE)));
                for (Refusal r : outcome.refusals()) {
                    insert.add(group, r.eventId().value(), r.entity().wire(), r.rule().wire());
                }
                insert.execute(c);
            }
            Set<EventId> fresh = new HashSet<>();
            events.forEach(e -> fresh.add(e.id()));
            return outcome.refusals().stream().filter(r -> fresh.contains(r.eventId())).toList();
        });
    }

    /**
     * Writes a batch's changes set-wise: batched upserts and one delete per table, batched upserts of the score deltas,
     * and the group's digest moved by what left and what came. The append before it holds the group's row lock, so
     * two batches of one group move the digest in turn.
     */
    private static void write(DSLContext c, String group, List<Materializer.Change> changes, JooqMaterializerSource source) {
        if (changes.isEmpty()) {
            return;
        }
        Map<EntityTable, List<Entity>> upserts = new EnumMap<>(EntityTable.class);
        Map<EntityTable, List<String>> deletes = new EnumMap<>(EntityTable.class);
        Map<List<String>, Integer> scoreDeltas = new LinkedHashMap<>();
        Map<EntityKey, String> canonical = new HashMap<>();
        StateDigest digest = digestOf(c, group);
        for (Materializer.Change change : changes) {
            EntityTable t = EntityTable.of(change.key().kind());
            Optional<String> after = change.after().map(e -> canonical.computeIfAbsent(e.key(), k -> e.toJson().canonical()));
            digest = digest.replace(change.before().map(e -> source.storedState(e.key()).orElseGet(() -> e.toJson().canonical())),
                    after);
            if (change.after().isPresent()) {
                upserts.computeIfAbsent(t, x -> new ArrayList<>()).add(change.after().get());
            } else {
                deletes.computeIfAbsent(t, x -> new ArrayList<>()).add(change.key().id());
            }
            if (t == EntityTable.VOTE) {
                int delta = voteValue(change.after()) - voteValue(change.before());
                if (delta != 0) {
                    JsonObject v = (JsonObject) change.after().or(change::before).flatMap(e -> e.field("vote")).orElseThrow().value();
                    scoreDeltas.merge(List.of(v.string("target_type"), v.string("target_id")), delta, Integer::sum);
                }
            }
        }
        deletes.forEach((t, ids) -> {
            for (List<String> chunk : Chunks.of(ids, Chunks.IN_LIST)) {
                c.deleteFrom(t.table).where(GROUP_ID.eq(group).and(t.id.in(chunk))).execute();
            }
        });
        upserts.forEach((t, entities) -> upsert(c, group, t, entities, canonical));
        scoreDeltas.values().removeIf(d -> d == 0);
        if (!scoreDeltas.isEmpty()) {
            JdbcBatch insert = new JdbcBatch(c, c.insertInto(SCORES, GROUP_ID, TARGET_TYPE, TARGET_ID, SCORE)
                    .values((String) null, null, null, null)
                    .onConflict(GROUP_ID, TARGET_TYPE, TARGET_ID).doUpdate()
                    .set(SCORE, q(SCORES, SCORE).plus(excluded(SCORE))));
            scoreDeltas.forEach((target, delta) -> insert.add(group, target.get(0), target.get(1), delta));
            insert.execute(c);
        }
        c.insertInto(STATE_DIGESTS).set(GROUP_ID, group).set(DIGEST_SUM, digest.sumHex())
                .onConflict(GROUP_ID).doUpdate().set(DIGEST_SUM, digest.sumHex()).execute();
    }

    /** One statement rendered once and bound for every row: rendering a multi-row insert costs more than running it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void upsert(DSLContext c, String group, EntityTable t, List<Entity> entities, Map<EntityKey, String> canonical) {
        List<Field<?>> extra = new ArrayList<>(t.columns(entities.get(0)).keySet());
        List<Field<?>> fields = new ArrayList<>(List.of(GROUP_ID, t.id, STATE));
        fields.addAll(extra);
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        set.put(STATE, excluded(STATE));
        extra.forEach(f -> set.put(f, excluded((Field) f)));
        JdbcBatch batch = new JdbcBatch(c, c.insertInto(t.table, fields).values(java.util.Collections.nCopies(fields.size(), null))
                .onConflict(GROUP_ID, t.id).doUpdate().set(set));
        for (Entity e : entities) {
            List<Object> row = new ArrayList<>(List.of(group, e.key().id(), canonical.get(e.key())));
            row.addAll(t.columns(e).values());
            batch.add(row.toArray());
        }
        batch.execute(c);
    }

    private static StateDigest digestOf(DSLContext c, String group) {
        return c.select(DIGEST_SUM).from(STATE_DIGESTS).where(GROUP_ID.eq(group)).fetchOptional(DIGEST_SUM)
                .map(StateDigest::fromSumHex).orElse(StateDigest.EMPTY);
    }

    @Override
    public List<Optional<AuthorityRule>> refusalsOf(String group, HiveOwner owner, List<Event> events) {
        return WriteChecks.refusalsOf(owner, events, new JooqMaterializerSource(tx, group));
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

    static Entity entity(String state) {
        return Entity.fromJson(Json.parseObject(state));
    }

    private static int voteValue(Optional<Entity> vote) {
        return vote.flatMap(v -> v.field("vote")).map(VoteLww::effectiveValue).orElse(0);
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
    public List<Entity> entities(String group, EntityKind kind, Collection<String> ids) {
        EntityTable t = EntityTable.of(kind);
        List<Entity> found = new ArrayList<>();
        for (List<String> chunk : Chunks.of(ids.stream().distinct().sorted().toList(), Chunks.IN_LIST)) {
            found.addAll(tx.ctx().select(STATE).from(t.table).where(GROUP_ID.eq(group), t.id.in(chunk)).orderBy(t.id)
                    .fetch(r -> entity(r.value1())));
        }
        return found;
    }

    @Override
    public List<Entity> decisionsOnTopic(String group, String topic) {
        return tx.ctx().select(STATE).from(DECISIONS).where(GROUP_ID.eq(group), TOPIC.eq(topic)).orderBy(DECISION_ID)
                .fetch(r -> entity(r.value1()));
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
        return digestOf(tx.ctx(), group).hex();
    }
}
