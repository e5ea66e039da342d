package org.hivemesh.domain.hive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.domain.conflict.OwnerPreferringLww;
import org.hivemesh.domain.conflict.Register;
import org.hivemesh.domain.conflict.Stamp;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.EventPayload.MembershipChanged;
import org.hivemesh.domain.event.EventPayload.ModeratorChanged;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.MembershipAction;

/**
 * Who was a moderator and who was banned at any point of a group's history, as a pure function of its membership
 * and moderator events. Each agent has two timelines, folded in (HLC, ID) order with the same owner-preferring LWW
 * as the materialized registers; a question "as of" an event reads only the events ordered before it, so a later
 * revocation never undoes what was done with authority.
 *
 * <p>Moderator events take effect only from the hive owner, so moderator timelines depend on nothing else; a ban
 * takes effect from the owner or a moderator as of the ban, so membership timelines depend on moderator timelines
 * only. There are no cycles, and every answer is the same whatever order the events arrived in.
 */
public final class AuthorityContext {
    private final HiveOwner owner;
    private final Optional<Set<String>> membershipCovered;
    private final Optional<Set<String>> moderatorCovered;
    private final Map<String, List<Event>> moderatorEvents = new HashMap<>();
    private final Map<String, List<Event>> membershipEvents = new HashMap<>();
    private final Map<String, Timeline> moderatorTimelines = new HashMap<>();
    private final Map<String, Timeline> membershipTimelines = new HashMap<>();

    private AuthorityContext(HiveOwner owner, Optional<Set<String>> membershipCovered,
                             Optional<Set<String>> moderatorCovered, Collection<Event> events) {
        this.owner = owner;
        this.membershipCovered = membershipCovered;
        this.moderatorCovered = moderatorCovered;
        Map<EventId, Event> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.id(), e));
        for (Event e : unique.values()) {
            if (e.payload() instanceof ModeratorChanged m) {
                moderatorEvents.computeIfAbsent(m.agent().key(), k -> new ArrayList<>()).add(e);
            } else if (e.payload() instanceof MembershipChanged m) {
                membershipEvents.computeIfAbsent(m.agent().key(), k -> new ArrayList<>()).add(e);
            }
        }
    }

    /** The context of a whole event set; events that are not membership or moderator changes are ignored. */
    public static AuthorityContext of(HiveOwner owner, Collection<Event> events) {
        return new AuthorityContext(owner, Optional.empty(), Optional.empty(), events);
    }

    /**
     * The context for some agents only: {@code events} must hold every membership event about the agents in
     * {@code membershipOf} and every moderator event about those in {@code moderatorOf} (which must include whoever
     * banned or unbanned one of the former). Asking about anyone else is a programming error, not a silent "no".
     */
    public static AuthorityContext forAgents(HiveOwner owner, Set<String> membershipOf, Set<String> moderatorOf,
                                             Collection<Event> events) {
        return new AuthorityContext(owner, Optional.of(Set.copyOf(membershipOf)), Optional.of(Set.copyOf(moderatorOf)),
                events);
    }

    public HiveOwner owner() {
        return owner;
    }

    /** The hive owner as of {@code at}: ownership handed over later does not undo what it did. */
    public boolean isOwner(AgentRef agent, Stamp at) {
        return owner.at(at).is(agent);
    }

    /** The owner, or an agent whose moderator timeline says "add" just before {@code at}. */
    public boolean isModerator(AgentRef agent, Stamp at) {
        return isOwner(agent, at) || moderatorTimeline(agent.key()).asOf(at).filter("add"::equals).isPresent();
    }

    public boolean isBanned(AgentRef agent, Stamp at) {
        return !isOwner(agent, at) && membershipTimeline(agent.key()).asOf(at).filter("ban"::equals).isPresent();
    }

    /** Why a membership or moderator event has no effect, or empty if it has effect. */
    public Optional<AuthorityRule> governanceRefusal(Event event) {
        if (event.payload() instanceof ModeratorChanged m) {
            return Optional.ofNullable(moderatorTimeline(m.agent().key()).refused.get(event.id()));
        }
        if (event.payload() instanceof MembershipChanged m) {
            return Optional.ofNullable(membershipTimeline(m.agent().key()).refused.get(event.id()));
        }
        throw new IllegalArgumentException(event.type().wireName() + " is not a membership or moderator change");
    }

    /** The membership and moderator events of this agent that have effect, in (HLC, ID) order. */
    public List<EventId> effectiveGovernance(String agentKey) {
        List<EventId> effective = new ArrayList<>(membershipTimeline(agentKey).effective);
        effective.addAll(moderatorTimeline(agentKey).effective);
        return effective;
    }

    private static void requireCovered(Optional<Set<String>> covered, String agentKey, String what) {
        if (covered.isPresent() && !covered.get().contains(agentKey)) {
            throw new IllegalStateException("authority context does not hold the " + what + " history of " + agentKey);
        }
    }

    private Timeline moderatorTimeline(String agentKey) {
        Timeline known = moderatorTimelines.get(agentKey);
        if (known != null) {
            return known;
        }
        requireCovered(moderatorCovered, agentKey, "moderator");
        Timeline timeline = new Timeline();
        for (Event e : sorted(moderatorEvents.get(agentKey))) {
            ModeratorChanged m = (ModeratorChanged) e.payload();
            Optional<AuthorityRule> refusal = Authority.originRefusal(e)
                    .or(() -> isOwner(m.by(), Stamp.of(e)) ? Optional.empty() : Optional.of(AuthorityRule.NOT_OWNER));
            timeline.add(e, m.action().wire(), refusal);
        }
        moderatorTimelines.put(agentKey, timeline);
        return timeline;
    }

    private Timeline membershipTimeline(String agentKey) {
        Timeline known = membershipTimelines.get(agentKey);
        if (known != null) {
            return known;
        }
        requireCovered(membershipCovered, agentKey, "membership");
        Timeline timeline = new Timeline();
        for (Event e : sorted(membershipEvents.get(agentKey))) {
            MembershipChanged m = (MembershipChanged) e.payload();
            Stamp at = Stamp.of(e);
            Optional<AuthorityRule> refusal = Authority.originRefusal(e).or(() -> {
                if (m.action() == MembershipAction.JOIN || m.action() == MembershipAction.LEAVE) {
                    if (!m.by().key().equals(m.agent().key())) {
                        return Optional.of(AuthorityRule.NOT_SELF);
                    }
                    return timeline.asOf(at).filter("ban"::equals).map(banned -> AuthorityRule.BANNED);
                }
                if (isOwner(m.agent(), at)) {
                    return Optional.of(AuthorityRule.OWNER_PROTECTED);
                }
                return isModerator(m.by(), at) ? Optional.empty() : Optional.of(AuthorityRule.NOT_OWNER_OR_MODERATOR);
            });
            timeline.add(e, m.action().wire(), refusal);
        }
        membershipTimelines.put(agentKey, timeline);
        return timeline;
    }

    private static List<Event> sorted(List<Event> events) {
        if (events == null) {
            return List.of();
        }
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(Stamp::of));
        return sorted;
    }

    /** One agent's effective changes folded in stamp order, so "as of" is a binary search. */
    private final class Timeline {
        private final List<Stamp> stamps = new ArrayList<>();
        private final List<Register> folded = new ArrayList<>();
        private final List<EventId> effective = new ArrayList<>();
        private final Map<EventId, AuthorityRule> refused = new HashMap<>();

        void add(Event event, String action, Optional<AuthorityRule> refusal) {
            if (refusal.isPresent()) {
                refused.put(event.id(), refusal.get());
                return;
            }
            Register register = new Register(JsonValue.of(action), Stamp.of(event),
                    event.origin().equals(owner.at(Stamp.of(event)).instanceId()));
            Optional<Register> before = folded.isEmpty() ? Optional.empty() : Optional.of(folded.get(folded.size() - 1));
            stamps.add(register.stamp());
            folded.add(OwnerPreferringLww.merge(before, register));
            effective.add(event.id());
        }

        /** The folded action of the effective events ordered strictly before {@code at}. */
        Optional<String> asOf(Stamp at) {
            int low = 0;
            int high = stamps.size() - 1;
            int found = -1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (stamps.get(mid).compareTo(at) < 0) {
                    found = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return found < 0 ? Optional.empty() : Optional.of(((JsonValue.JsonString) folded.get(found).value()).value());
        }
    }
}
