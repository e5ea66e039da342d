package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.selectCount;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.port.out.StateStore;
import org.hivemesh.domain.conflict.Register;
import org.hivemesh.domain.conflict.VoteLww;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.hive.Contradiction;
import org.hivemesh.domain.hive.DecisionLinks;
import org.hivemesh.domain.hive.Entity;
import org.hivemesh.domain.hive.EntityKey;
import org.hivemesh.domain.hive.EntityKind;
import org.hivemesh.domain.hive.HiveRules;
import org.hivemesh.domain.hive.HiveState;
import org.hivemesh.domain.hive.PostView;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertSetMoreStep;
import org.jooq.InsertOnDuplicateSetMoreStep;
import org.jooq.SortField;

/**
 * Materializes events into tables through the domain's own reducer ({@link HiveRules}), entity by entity,
 * so the stored state is the same function of the event set as the pure projection. Scores, comment
 * paths and decision conflicts are kept alongside for queries.
 */
final class JooqStateStore implements StateStore {
    private final JooqTransactions tx;

    JooqStateStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void apply(String group, String ownerInstanceId, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        tx.inTransaction(() -> {
            DSLContext c = tx.ctx();
            for (Event event : events) {
                EntityKey key = HiveRules.keyOf(event);
                Optional<Entity> before = load(c, group, key);
                Entity after = HiveRules.apply(before, event, ownerInstanceId);
                if (before.isPresent() && before.get().equals(after)) {
                    continue;
                }
                save(c, group, after);
                switch (key.kind()) {
                    case VOTE -> rescore(c, group, before, after);
                    case COMMENT -> placeInThread(c, group, before, after);
                    case DECISION -> flagConflicts(c, group, before, after);
                    case REVIEW -> c.update(CONFLICTS).set(RESOLVED, 1)
                            .where(GROUP_ID.eq(group).and(CONFLICT_ID.eq(key.id()))).execute();
                    default -> {
                    }
                }
            }
            return null;
        });
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

    private static void rescore(DSLContext c, String group, Optional<Entity> before, Entity after) {
        Register vote = after.field("vote").orElseThrow();
        int delta = VoteLww.effectiveValue(vote) - before.flatMap(b -> b.field("vote")).map(VoteLww::effectiveValue).orElse(0);
        if (delta == 0) {
            return;
        }
        JsonObject v = (JsonObject) vote.value();
        c.insertInto(SCORES).set(GROUP_ID, group).set(TARGET_TYPE, v.string("target_type"))
                .set(TARGET_ID, v.string("target_id")).set(SCORE, delta)
                .onConflict(GROUP_ID, TARGET_TYPE, TARGET_ID).doUpdate().set(SCORE, q(SCORES, SCORE).plus(delta)).execute();
    }

    /** A comment's path is its ancestors' IDs; replies that arrived before their parent get theirs now. */
    private static void placeInThread(DSLContext c, String group, Optional<Entity> before, Entity after) {
        if (before.map(Entity::isCreated).orElse(false) || !after.isCreated()) {
            return;
        }
        Optional<String> parent = after.created().get().optionalString("parent_comment_id");
        String path = parent.isEmpty() ? after.key().id()
                : c.select(PATH).from(COMMENTS).where(GROUP_ID.eq(group).and(COMMENT_ID.eq(parent.get())))
                .fetchOptional(PATH).map(p -> p + "/" + after.key().id()).orElse(null);
        if (path == null) {
            return;
        }
        Deque<String[]> placed = new ArrayDeque<>();
        placed.push(new String[] {after.key().id(), path});
        while (!placed.isEmpty()) {
            String[] next = placed.pop();
            c.update(COMMENTS).set(PATH, next[1]).where(GROUP_ID.eq(group).and(COMMENT_ID.eq(next[0]))).execute();
            for (String child : c.select(COMMENT_ID).from(COMMENTS)
                    .where(GROUP_ID.eq(group).and(PARENT_COMMENT_ID.eq(next[0])).and(PATH.isNull())).fetch(COMMENT_ID)) {
                placed.push(new String[] {child, next[1] + "/" + child});
            }
        }
    }

    private static void flagConflicts(DSLContext c, String group, Optional<Entity> before, Entity after) {
        if (before.map(Entity::isCreated).orElse(false)) {
            return;
        }
        JsonObject mine = after.created().orElseThrow();
        List<Entity> sameTopic = c.select(STATE).from(DECISIONS)
                .where(GROUP_ID.eq(group).and(TOPIC.eq(mine.string("topic"))).and(DECISION_ID.ne(after.key().id())))
                .fetch(r -> entity(r.value1()));
        for (Entity other : sameTopic) {
            if (DecisionLinks.contradict(mine, other.created().orElseThrow())) {
                String a = min(after.key().id(), other.key().id());
                String b = a.equals(after.key().id()) ? other.key().id() : after.key().id();
                String conflictId = Contradiction.idFor(a, b);
                boolean reviewed = c.fetchExists(DECISION_REVIEWS, GROUP_ID.eq(group).and(CONFLICT_ID.eq(conflictId)));
                c.insertInto(CONFLICTS).set(GROUP_ID, group).set(CONFLICT_ID, conflictId).set(TOPIC, mine.string("topic"))
                        .set(DECISION_A, a).set(DECISION_B, b).set(RESOLVED, reviewed ? 1 : 0)
                        .onConflictDoNothing().execute();
            }
        }
    }

    private static String min(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
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
    public HiveState postWithThread(String group, String ownerInstanceId, String postId) {
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
        return HiveState.of(ownerInstanceId, related);
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
