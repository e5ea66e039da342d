package org.hivemesh.domain.hive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hivemesh.domain.conflict.Register;
import org.hivemesh.domain.conflict.VoteLww;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/**
 * The materialized state of one group: a pure function of the set of its events. Views (posts, threads,
 * scores, settings, members, decisions, contradictions) are derived from the entities on demand.
 */
public final class HiveState {
    private final HiveOwner owner;
    private final Map<EventId, Event> events = new LinkedHashMap<>();
    private final TreeMap<EntityKey, Entity> entities = new TreeMap<>();
    private final List<Refusal> refusals = new ArrayList<>();

    private HiveState(HiveOwner owner) {
        this.owner = owner;
    }

    /** The state of an event set: every entity folded from its events under the authority rules. */
    public static HiveState project(HiveOwner owner, Iterable<Event> events) {
        HiveState state = new HiveState(owner);
        events.forEach(e -> state.events.putIfAbsent(e.id(), e));
        state.refold();
        return state;
    }

    /** A view over entities materialized elsewhere (a store); it cannot take more events. */
    public static HiveState of(Collection<Entity> entities) {
        HiveState state = new HiveState(null);
        entities.forEach(e -> state.entities.put(e.key(), e));
        return state;
    }

    /** Adds an event to the set and folds again. */
    public HiveState apply(Event event) {
        if (owner == null) {
            throw new IllegalStateException("a view of stored entities does not take events");
        }
        if (events.putIfAbsent(event.id(), event) == null) {
            refold();
        }
        return this;
    }

    /** The roster first: where ownership went decides, as of each event, the owner every other entity reads. */
    private void refold() {
        Map<EntityKey, List<Event>> byKey = new TreeMap<>();
        events.values().forEach(e -> byKey.computeIfAbsent(HiveRules.keyOf(e), k -> new ArrayList<>()).add(e));
        Materializer.Folded roster = RosterRules.fold(owner, byKey.getOrDefault(EntityKey.ROSTER, List.of()),
                this::latestFrom);
        HiveOwner ownership = RosterRules.ownership(owner, roster.entity());
        AuthorityContext context = AuthorityContext.of(ownership, events.values());
        entities.clear();
        refusals.clear();
        byKey.forEach((key, touching) -> {
            Materializer.Folded folded = key.equals(EntityKey.ROSTER) ? roster
                    : Materializer.fold(key, touching, context, ownership);
            folded.entity().ifPresent(entity -> entities.put(key, entity));
            refusals.addAll(folded.refusals());
        });
        refusals.sort(Comparator.comparing(Refusal::eventId));
    }

    private Optional<Hlc> latestFrom(String origin, Hlc before) {
        return events.values().stream().filter(e -> e.origin().equals(origin) && e.hlc().compareTo(before) < 0)
                .map(Event::hlc).max(Comparator.naturalOrder());
    }

    /** The roster and owner of the group as its events say; a view of stored entities knows no founder. */
    public RosterView roster() {
        if (owner == null) {
            throw new IllegalStateException("a view of stored entities has no founder to read the roster against");
        }
        return RosterRules.view(owner, entity(EntityKey.ROSTER));
    }

    /** The events of the set that have no effect, with the rule that refused each. */
    public List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    public Collection<Entity> entities() {
        return entities.values();
    }

    public Optional<Entity> entity(EntityKey key) {
        return Optional.ofNullable(entities.get(key));
    }

    /** Equal on every instance holding the same event set; see {@link StateDigest}. */
    public String stateDigest() {
        return digestOf(entities.values());
    }

    public static String digestOf(Collection<Entity> entities) {
        return StateDigest.of(entities).hex();
    }

    private List<Entity> ofKind(EntityKind kind) {
        return entities.values().stream().filter(e -> e.key().kind() == kind).collect(Collectors.toList());
    }

    /** Score per target ("post:ID" / "comment:ID"): the sum of the winning vote of every voter. */
    public Map<String, Integer> scores() {
        Map<String, Integer> scores = new HashMap<>();
        for (Entity vote : ofKind(EntityKind.VOTE)) {
            Register register = vote.field("vote").orElseThrow();
            JsonObject v = (JsonObject) register.value();
            scores.merge(v.string("target_type") + ":" + v.string("target_id"), VoteLww.effectiveValue(register), Integer::sum);
        }
        return scores;
    }

    /** Visible posts, newest first. */
    public List<PostView> posts() {
        Map<String, Integer> scores = scores();
        Map<String, Long> comments = ofKind(EntityKind.COMMENT).stream().filter(c -> c.isCreated() && !c.isDeleted())
                .collect(Collectors.groupingBy(c -> c.created().get().string("post_id"), Collectors.counting()));
        return ofKind(EntityKind.POST).stream()
                .map(p -> PostView.of(p, scores.getOrDefault("post:" + p.key().id(), 0),
                        comments.getOrDefault(p.key().id(), 0L).intValue()))
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(PostView::createdHlc).reversed().thenComparing(PostView::postId))
                .collect(Collectors.toList());
    }

    public Optional<PostView> post(String postId) {
        return posts().stream().filter(p -> p.postId().equals(postId)).findFirst();
    }

    /** The comment tree of a post, oldest first at every level; empty until the post itself is known. */
    public List<CommentView> thread(String postId) {
        Entity post = entities.get(new EntityKey(EntityKind.POST, postId));
        if (post == null || !post.isCreated()) {
            return List.of();
        }
        List<Entity> comments = ofKind(EntityKind.COMMENT).stream()
                .filter(c -> c.isCreated() && c.created().get().string("post_id").equals(postId))
                .collect(Collectors.toList());
        return CommentTree.build(comments, scores());
    }

    public Map<String, JsonValue> settings() {
        Map<String, JsonValue> settings = new TreeMap<>();
        for (Entity s : ofKind(EntityKind.SETTING)) {
            settings.put(s.key().id(), ((JsonObject) s.field("setting").orElseThrow().value()).required("value"));
        }
        return settings;
    }

    /** Agent key to membership status: {@code member}, {@code left} or {@code banned}. */
    public Map<String, String> members() {
        Map<String, String> members = new TreeMap<>();
        for (Entity m : ofKind(EntityKind.MEMBER)) {
            String action = ((JsonObject) m.field("membership").orElseThrow().value()).string("action");
            members.put(m.key().id(), switch (action) {
                case "join", "unban" -> "member";
                case "ban" -> "banned";
                default -> "left";
            });
        }
        return members;
    }

    public List<String> moderators() {
        return ofKind(EntityKind.MODERATOR).stream()
                .filter(m -> ((JsonObject) m.field("moderator").orElseThrow().value()).string("action").equals("add"))
                .map(m -> m.key().id())
                .collect(Collectors.toList());
    }

    public List<DecisionView> decisions() {
        return DecisionLinks.views(ofKind(EntityKind.DECISION), ofKind(EntityKind.REVIEW));
    }

    public List<Contradiction> contradictions() {
        return DecisionLinks.contradictions(ofKind(EntityKind.DECISION), ofKind(EntityKind.REVIEW));
    }
}
