package org.hivemesh.application.fakes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.hive.AuthorityRule;
import org.hivemesh.domain.hive.Entity;
import org.hivemesh.domain.hive.EntityKey;
import org.hivemesh.domain.hive.EntityKind;
import org.hivemesh.domain.hive.HiveOwner;
import org.hivemesh.domain.hive.HiveRules;
import org.hivemesh.domain.hive.HiveState;
import org.hivemesh.domain.hive.Materializer;
import org.hivemesh.domain.hive.PostView;
import org.hivemesh.domain.hive.Refusal;
import org.hivemesh.domain.hive.WriteChecks;

/** Materializes through the domain's {@link Materializer}, as the SQL store does, over its own copy of each log. */
public final class InMemoryStateStore implements StateStore {
    private final Map<String, Group> groups = new HashMap<>();

    private static final class Group implements Materializer.Source {
        final Map<EventId, Event> log = new LinkedHashMap<>();
        final TreeMap<EntityKey, Entity> entities = new TreeMap<>();
        final Map<EventId, Refusal> refusals = new LinkedHashMap<>();

        @Override
        public Map<EntityKey, Entity> entities(Set<EntityKey> keys) {
            Map<EntityKey, Entity> found = new HashMap<>();
            keys.stream().filter(entities::containsKey).forEach(k -> found.put(k, entities.get(k)));
            return found;
        }

        @Override
        public List<Event> eventsOf(Set<EntityKey> keys) {
            return log.values().stream().filter(e -> keys.contains(HiveRules.keyOf(e))).toList();
        }

        @Override
        public Set<EntityKey> keysActedBy(Set<String> agentKeys) {
            return log.values().stream().filter(e -> agentKeys.contains(e.payload().actor().key()))
                    .map(HiveRules::keyOf).collect(Collectors.toCollection(TreeSet::new));
        }

        @Override
        public Set<EntityKey> allKeys() {
            return log.values().stream().map(HiveRules::keyOf).collect(Collectors.toCollection(TreeSet::new));
        }

        @Override
        public Optional<Hlc> latestFrom(String origin, Hlc before) {
            return log.values().stream().filter(e -> e.origin().equals(origin) && e.hlc().compareTo(before) < 0)
                    .map(Event::hlc).max(Comparator.naturalOrder());
        }
    }

    private Group group(String group) {
        return groups.computeIfAbsent(group, g -> new Group());
    }

    @Override
    public synchronized List<Refusal> apply(String group, HiveOwner owner, List<Event> events) {
        Group g = group(group);
        events.forEach(e -> g.log.putIfAbsent(e.id(), e));
        Materializer.Outcome outcome = Materializer.apply(owner, events, g);
        for (Materializer.Change change : outcome.changes()) {
            change.after().ifPresentOrElse(e -> g.entities.put(change.key(), e), () -> g.entities.remove(change.key()));
        }
        g.refusals.values().removeIf(r -> outcome.recomputed().contains(r.entity()));
        outcome.refusals().forEach(r -> g.refusals.put(r.eventId(), r));
        Set<EventId> fresh = events.stream().map(Event::id).collect(Collectors.toSet());
        return outcome.refusals().stream().filter(r -> fresh.contains(r.eventId())).toList();
    }

    @Override
    public synchronized List<Optional<AuthorityRule>> refusalsOf(String group, HiveOwner owner, List<Event> events) {
        return WriteChecks.refusalsOf(owner, events, group(group));
    }

    @Override
    public synchronized List<RefusedEvent> refused(String group, int limit) {
        Group g = group(group);
        List<RefusedEvent> refused = new ArrayList<>();
        g.refusals.values().forEach(r -> refused.add(new RefusedEvent(g.log.get(r.eventId()), r.rule())));
        refused.sort(Comparator.comparing((RefusedEvent r) -> r.event().hlc()).reversed());
        return refused.stream().limit(limit).toList();
    }

    @Override
    public synchronized int refusedCount(String group) {
        return group(group).refusals.size();
    }

    @Override
    public synchronized Optional<Entity> entity(String group, EntityKey key) {
        return Optional.ofNullable(group(group).entities.get(key));
    }

    @Override
    public synchronized Optional<String> groupOf(EntityKind kind, String id) {
        return groups.entrySet().stream().filter(e -> e.getValue().entities.containsKey(new EntityKey(kind, id)))
                .map(Map.Entry::getKey).findFirst();
    }

    @Override
    public synchronized List<Entity> entities(String group, EntityKind kind) {
        return group(group).entities.values().stream().filter(e -> e.key().kind() == kind).collect(Collectors.toList());
    }

    @Override
    public synchronized List<Entity> entities(String group, EntityKind kind, Collection<String> ids) {
        Map<EntityKey, Entity> held = group(group).entities;
        return ids.stream().distinct().sorted().map(id -> held.get(new EntityKey(kind, id))).filter(Objects::nonNull)
                .collect(Collectors.toList());
    }

    @Override
    public synchronized List<Entity> decisionsOnTopic(String group, String topic) {
        return entities(group, EntityKind.DECISION).stream()
                .filter(d -> d.created().map(c -> c.string("topic").equals(topic)).orElse(false))
                .sorted(Comparator.comparing(Entity::key)).collect(Collectors.toList());
    }

    @Override
    public synchronized List<String> idsWithPrefix(EntityKind kind, String prefix, int limit) {
        return groups.values().stream().flatMap(g -> g.entities.keySet().stream())
                .filter(k -> k.kind() == kind && k.id().startsWith(prefix)).map(EntityKey::id).distinct().sorted()
                .limit(limit).collect(Collectors.toList());
    }

    @Override
    public synchronized FeedPage feed(String group, FeedOrder order, int limit, Optional<String> afterPosition) {
        List<PostView> posts = new ArrayList<>(HiveState.of(group(group).entities.values()).posts());
        if (order == FeedOrder.TOP) {
            posts.sort(Comparator.comparingInt(PostView::score).reversed()
                    .thenComparing(Comparator.comparing(PostView::createdHlc).reversed())
                    .thenComparing(PostView::postId));
        }
        int from = afterPosition.map(Integer::parseInt).orElse(0);
        List<PostView> page = posts.subList(Math.min(from, posts.size()), Math.min(from + limit, posts.size()));
        Optional<String> next = from + limit < posts.size() ? Optional.of(String.valueOf(from + limit)) : Optional.empty();
        return new FeedPage(List.copyOf(page), next);
    }

    @Override
    public synchronized HiveState postWithThread(String group, String postId) {
        List<Entity> related = group(group).entities.values().stream()
                .filter(e -> belongsToPost(e, postId)).collect(Collectors.toList());
        return HiveState.of(related);
    }

    private boolean belongsToPost(Entity e, String postId) {
        return switch (e.key().kind()) {
            case POST -> e.key().id().equals(postId);
            case COMMENT -> e.created().map(c -> c.string("post_id").equals(postId)).orElse(false);
            case VOTE -> true;
            default -> false;
        };
    }

    @Override
    public synchronized String stateDigest(String group) {
        return HiveState.digestOf(group(group).entities.values());
    }
}
