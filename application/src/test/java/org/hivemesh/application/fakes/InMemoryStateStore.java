package org.hivemesh.application.fakes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hivemesh.application.port.out.StateStore;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.hive.Entity;
import org.hivemesh.domain.hive.EntityKey;
import org.hivemesh.domain.hive.EntityKind;
import org.hivemesh.domain.hive.HiveRules;
import org.hivemesh.domain.hive.HiveState;
import org.hivemesh.domain.hive.PostView;

public final class InMemoryStateStore implements StateStore {
    private final Map<String, TreeMap<EntityKey, Entity>> groups = new HashMap<>();

    @Override
    public synchronized void apply(String group, String ownerInstanceId, List<Event> events) {
        TreeMap<EntityKey, Entity> entities = groups.computeIfAbsent(group, g -> new TreeMap<>());
        for (Event event : events) {
            EntityKey key = HiveRules.keyOf(event);
            entities.put(key, HiveRules.apply(Optional.ofNullable(entities.get(key)), event, ownerInstanceId));
        }
    }

    @Override
    public synchronized Optional<Entity> entity(String group, EntityKey key) {
        return Optional.ofNullable(groups.getOrDefault(group, new TreeMap<>()).get(key));
    }

    @Override
    public synchronized Optional<String> groupOf(EntityKind kind, String id) {
        return groups.entrySet().stream().filter(e -> e.getValue().containsKey(new EntityKey(kind, id)))
                .map(Map.Entry::getKey).findFirst();
    }

    @Override
    public synchronized List<Entity> entities(String group, EntityKind kind) {
        return groups.getOrDefault(group, new TreeMap<>()).values().stream()
                .filter(e -> e.key().kind() == kind).collect(Collectors.toList());
    }

    @Override
    public synchronized List<String> idsWithPrefix(EntityKind kind, String prefix, int limit) {
        return groups.values().stream().flatMap(m -> m.keySet().stream())
                .filter(k -> k.kind() == kind && k.id().startsWith(prefix)).map(EntityKey::id).distinct().sorted()
                .limit(limit).collect(Collectors.toList());
    }

    @Override
    public synchronized FeedPage feed(String group, FeedOrder order, int limit, Optional<String> afterPosition) {
        List<PostView> posts = new ArrayList<>(HiveState.of("", groups.getOrDefault(group, new TreeMap<>()).values()).posts());
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
    public synchronized HiveState postWithThread(String group, String ownerInstanceId, String postId) {
        List<Entity> related = groups.getOrDefault(group, new TreeMap<>()).values().stream()
                .filter(e -> belongsToPost(e, postId)).collect(Collectors.toList());
        return HiveState.of(ownerInstanceId, related);
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
        return HiveState.digestOf(groups.getOrDefault(group, new TreeMap<>()).values());
    }
}
