package org.hivemesh.domain.hive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hivemesh.domain.conflict.Stamp;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.EventPayload.MembershipChanged;
import org.hivemesh.domain.event.EventPayload.ModeratorChanged;
import org.hivemesh.domain.event.MembershipAction;

/**
 * Conflict rules and authority rules together: what each entity is, given the events that touch it. {@link #fold}
 * is the definition; {@link #apply} brings a stored state up to date with a batch of new events and gives exactly
 * what folding every entity from all its events would give. It folds incrementally where no earlier decision can
 * change, and refolds from the log an entity whose creation just arrived after other events for it, and every
 * entity of an agent whose moderator or membership history just changed.
 */
public final class Materializer {
    private Materializer() {
    }

    /** What a store must answer for a batch, each call for many keys at once, and the activity roster rules read. */
    public interface Source extends RosterRules.Activity {
        /** The stored (materialized) entities among these keys. */
        Map<EntityKey, Entity> entities(Set<EntityKey> keys);

        /** Every stored event touching one of these entities, the new batch included. */
        List<Event> eventsOf(Set<EntityKey> keys);

        /** Every entity the group's log touches: what a change of owner folds again. */
        Set<EntityKey> allKeys();

        /** The entities touched by events whose acting agent is one of these. */
        Set<EntityKey> keysActedBy(Set<String> agentKeys);

        /** Each stored event touching one of these entities, as its entity and ID; a store answers it without parsing. */
        default List<Logged> loggedOf(Set<EntityKey> keys) {
            return eventsOf(keys).stream().map(e -> new Logged(HiveRules.keyOf(e), e.id())).toList();
        }
    }

    /** An event of the log, known only by the entity it touches and its ID. */
    public record Logged(EntityKey key, EventId id) {
    }

    /** One entity before and after a batch; empty when it is not (or no longer) materialized. */
    public record Change(EntityKey key, Optional<Entity> before, Optional<Entity> after) {
    }

    /**
     * {@code recomputed}: entities folded again from all their events, whose stored refusals are replaced by the ones
     * listed here; the other refusals listed belong to events of the batch.
     */
    public record Outcome(List<Change> changes, Set<EntityKey> recomputed, List<Refusal> refusals) {
        public Optional<Refusal> refusalOf(EventId event) {
            return refusals.stream().filter(r -> r.eventId().equals(event)).findFirst();
        }
    }

    public record Folded(Optional<Entity> entity, List<Refusal> refusals) {
    }

    /** The entity from all events that touch it, and the events among them without effect. */
    public static Folded fold(EntityKey key, Collection<Event> events, AuthorityContext context, HiveOwner owner) {
        List<Event> ordered = creationFirst(unique(events));
        Optional<Entity> current = Optional.empty();
        List<Refusal> refusals = new ArrayList<>();
        for (Event event : ordered) {
            Optional<AuthorityRule> refusal = Authority.refusal(event, context, current);
            if (refusal.isPresent()) {
                refusals.add(new Refusal(event.id(), key, refusal.get()));
            } else {
                current = Optional.of(HiveRules.apply(current, event, owner.at(Stamp.of(event)).instanceId()));
            }
        }
        refusals.sort(Comparator.comparing(Refusal::eventId));
        return new Folded(current, refusals);
    }

    /**
     * Brings stored state up to date with {@code batch}, new events already in the store's log. {@code founder} is
     * the group's founding owner; the roster's log says where ownership went since, and a batch that moves it folds
     * every entity again, as the owner as of each event decides its LWW tip and its authority.
     */
    public static Outcome apply(HiveOwner founder, List<Event> batch, Source source) {
        Map<EntityKey, List<Event>> byKey = new TreeMap<>();
        for (Event e : unique(batch)) {
            byKey.computeIfAbsent(HiveRules.keyOf(e), k -> new ArrayList<>()).add(e);
        }
        Set<EventId> batchIds = new HashSet<>();
        batch.forEach(e -> batchIds.add(e.id()));
        RosterStep roster = RosterStep.of(founder, byKey.getOrDefault(EntityKey.ROSTER, List.of()), source);
        HiveOwner owner = roster.after();
        Set<EntityKey> recompute = new TreeSet<>(governanceChanges(owner, byKey, batchIds, source));
        recompute.addAll(lateCreations(byKey, batchIds, recompute, source));
        if (roster.ownershipMoved()) {
            recompute.addAll(source.allKeys());
        }
        recompute.remove(EntityKey.ROSTER);

        Map<EntityKey, List<Event>> logOfRecomputed = new TreeMap<>();
        recompute.forEach(k -> logOfRecomputed.put(k, new ArrayList<>()));
        if (!recompute.isEmpty()) {
            for (Event e : source.eventsOf(recompute)) {
                logOfRecomputed.computeIfAbsent(HiveRules.keyOf(e), k -> new ArrayList<>()).add(e);
            }
        }
        List<Event> evaluated = new ArrayList<>();
        logOfRecomputed.values().forEach(evaluated::addAll);
        byKey.forEach((key, events) -> {
            if (recompute.contains(key)) {
                logOfRecomputed.get(key).addAll(events);
            } else if (!key.equals(EntityKey.ROSTER)) {
                evaluated.addAll(events);
            }
        });
        AuthorityContext context = contextFor(owner, evaluated, source);
        Set<EntityKey> touched = new TreeSet<>(byKey.keySet());
        touched.addAll(recompute);
        touched.remove(EntityKey.ROSTER);
        Map<EntityKey, Entity> stored = source.entities(touched);

        List<Change> changes = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        Set<EntityKey> recomputed = new TreeSet<>(recompute);
        roster.addTo(changes, refusals, recomputed);
        for (EntityKey key : touched) {
            Optional<Entity> before = Optional.ofNullable(stored.get(key));
            Folded after = recompute.contains(key) || before.isEmpty()
                    ? fold(key, recompute.contains(key) ? logOfRecomputed.get(key) : byKey.get(key), context, owner)
                    : applyOnto(key, before.get(), byKey.get(key), context, owner);
            refusals.addAll(after.refusals());
            if (!before.equals(after.entity())) {
                changes.add(new Change(key, before, after.entity()));
            }
        }
        return new Outcome(changes, recomputed, refusals);
    }

    private static Folded applyOnto(EntityKey key, Entity stored, List<Event> events, AuthorityContext context,
                                    HiveOwner owner) {
        Optional<Entity> current = Optional.of(stored);
        List<Refusal> refusals = new ArrayList<>();
        for (Event event : creationFirst(events)) {
            Optional<AuthorityRule> refusal = Authority.refusal(event, context, current);
            if (refusal.isPresent()) {
                refusals.add(new Refusal(event.id(), key, refusal.get()));
            } else {
                current = Optional.of(HiveRules.apply(current, event, owner.at(Stamp.of(event)).instanceId()));
            }
        }
        return new Folded(current, refusals);
    }

    /**
     * Entities to refold because the batch changed who was a moderator or who was banned when: every entity acted
     * on by an agent whose effective history changed, and the membership and moderator entities of every agent the
     * batch is about. A moderator change also reaches the agents that moderator banned or unbanned.
     */
    private static Set<EntityKey> governanceChanges(HiveOwner owner, Map<EntityKey, List<Event>> byKey,
                                                    Set<EventId> batchIds, Source source) {
        Set<String> candidates = new TreeSet<>();
        Set<String> moderatorSubjects = new TreeSet<>();
        byKey.values().forEach(events -> events.stream().filter(Authority::isGovernance).forEach(e -> {
            candidates.add(Authority.subject(e));
            if (e.payload() instanceof ModeratorChanged) {
                moderatorSubjects.add(Authority.subject(e));
            }
        }));
        if (candidates.isEmpty()) {
            return Set.of();
        }
        if (!moderatorSubjects.isEmpty()) {
            source.keysActedBy(moderatorSubjects).stream().filter(k -> k.kind() == EntityKind.MEMBER)
                    .forEach(k -> candidates.add(k.id()));
        }
        Governance governance = Governance.load(candidates, source);
        AuthorityContext after = governance.context(owner, Set.of());
        AuthorityContext before = governance.context(owner, batchIds);
        Set<String> changed = new TreeSet<>();
        for (String agent : candidates) {
            if (!before.effectiveGovernance(agent).equals(after.effectiveGovernance(agent))) {
                changed.add(agent);
            }
        }
        Set<EntityKey> refold = new TreeSet<>();
        for (String agent : candidates) {
            refold.add(EntityKey.membership(agent));
            refold.add(EntityKey.moderator(agent));
        }
        if (!changed.isEmpty()) {
            refold.addAll(source.keysActedBy(changed));
        }
        return refold;
    }

    /** Posts, comments and decisions whose creation arrives after other events for them: those wait for it. */
    private static Set<EntityKey> lateCreations(Map<EntityKey, List<Event>> byKey, Set<EventId> batchIds,
                                                Set<EntityKey> already, Source source) {
        Set<EntityKey> created = new TreeSet<>();
        byKey.forEach((key, events) -> {
            if (!already.contains(key) && events.stream().anyMatch(Materializer::creates)) {
                created.add(key);
            }
        });
        if (created.isEmpty()) {
            return Set.of();
        }
        Set<EntityKey> late = new TreeSet<>();
        for (Logged e : source.loggedOf(created)) {
            if (!batchIds.contains(e.id())) {
                late.add(e.key());
            }
        }
        return late;
    }

    private static AuthorityContext contextFor(HiveOwner owner, List<Event> evaluated, Source source) {
        Set<String> agents = new TreeSet<>();
        for (Event e : evaluated) {
            agents.add(e.payload().actor().key());
            if (Authority.isGovernance(e)) {
                agents.add(Authority.subject(e));
            }
        }
        return Governance.load(agents, source).context(owner, Set.of());
    }

    /** The membership and moderator history of some agents, with the moderator history of whoever banned them. */
    record Governance(Set<String> membershipOf, Set<String> moderatorOf, List<Event> events) {
        static Governance load(Set<String> agents, Source source) {
            Set<EntityKey> keys = new TreeSet<>();
            agents.forEach(a -> {
                keys.add(EntityKey.membership(a));
                keys.add(EntityKey.moderator(a));
            });
            List<Event> events = new ArrayList<>(agents.isEmpty() ? List.of() : source.eventsOf(keys));
            Set<String> banners = new TreeSet<>();
            for (Event e : events) {
                if (e.payload() instanceof MembershipChanged m
                        && (m.action() == MembershipAction.BAN || m.action() == MembershipAction.UNBAN)
                        && !agents.contains(m.by().key())) {
                    banners.add(m.by().key());
                }
            }
            if (!banners.isEmpty()) {
                Set<EntityKey> moderatorKeys = new TreeSet<>();
                banners.forEach(b -> moderatorKeys.add(EntityKey.moderator(b)));
                events.addAll(source.eventsOf(moderatorKeys));
            }
            Set<String> moderatorOf = new TreeSet<>(agents);
            moderatorOf.addAll(banners);
            return new Governance(agents, moderatorOf, events);
        }

        AuthorityContext context(HiveOwner owner, Set<EventId> without) {
            List<Event> kept = events.stream().filter(e -> !without.contains(e.id())).toList();
            return AuthorityContext.forAgents(owner, membershipOf, moderatorOf, kept);
        }
    }

    static boolean creates(Event event) {
        EventPayload p = event.payload();
        return p instanceof EventPayload.PostCreated || p instanceof EventPayload.CommentCreated
                || p instanceof EventPayload.DecisionRecorded;
    }

    private static List<Event> unique(Collection<Event> events) {
        Map<EventId, Event> byId = new LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(e.id(), e));
        return new ArrayList<>(byId.values());
    }

    /** The creating event first (it names the author that edits are checked against), then by stamp. */
    private static List<Event> creationFirst(Collection<Event> events) {
        List<Event> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing((Event e) -> !creates(e)).thenComparing(Stamp::of));
        return ordered;
    }
}
