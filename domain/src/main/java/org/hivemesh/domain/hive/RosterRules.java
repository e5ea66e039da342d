package org.hivemesh.domain.hive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hivemesh.domain.conflict.Register;
import org.hivemesh.domain.conflict.Stamp;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.event.OwnerSuccessionClaimed;
import org.hivemesh.domain.event.OwnerTransferred;
import org.hivemesh.domain.event.RosterAction;
import org.hivemesh.domain.event.RosterChanged;

/**
 * The roster and the ownership of a group as replicated state: one entity folded from every roster change, transfer
 * and succession claim in (HLC, ID) order, each checked against the roster and owner as of just before it. The group's
 * founder (the {@link HiveOwner} every member was given on joining) is the first member and the first owner.
 *
 * <ul>
 *   <li>{@code admitted}, {@code removed}: by an agent of an active member; the owner instance cannot be removed.</li>
 *   <li>{@code left}: by the instance itself, never the owner instance.</li>
 *   <li>transfer: by the owner instance, to an agent of an active member.</li>
 *   <li>succession claim: by an active non-owner member, naming an active member, when the log holds no event from
 *   the owner instance within {@code silence_limit_ms} before the claim's HLC, nor did ownership move to it then. Ownership moves to the successor once
 *   every active non-owner member holds a claim for it; any change of owner clears the claims.</li>
 * </ul>
 * Since the fold reads only the event set (and the owner's activity in the same log), every member reaches the same
 * roster and owner from the same events, whatever order they arrived in.
 */
public final class RosterRules {
    private RosterRules() {
    }

    /** When the log last heard from an instance before a moment: the HLC of its latest event before {@code before}. */
    public interface Activity {
        Optional<Hlc> latestFrom(String origin, Hlc before);
    }

    public static boolean isRosterEvent(Event event) {
        return event.payload() instanceof RosterChanged || event.payload() instanceof OwnerTransferred
                || event.payload() instanceof OwnerSuccessionClaimed;
    }

    /**
     * Whether a stored roster depends on the owner's activity (an open claim, or ownership taken by succession), so
     * that any batch, which may bring an older event of the owner, folds it again.
     */
    public static boolean readsActivity(Entity roster) {
        return roster != null && roster.fields().entrySet().stream().anyMatch(f -> f.getKey().startsWith(CLAIM)
                || f.getKey().startsWith(OWNER) && ((JsonObject) f.getValue().value()).optionalString("via")
                .filter("succession"::equals).isPresent());
    }

    /** The roster entity from all roster events of a group; empty while none of them has effect. */
    public static Materializer.Folded fold(HiveOwner founder, Collection<Event> events, Activity activity) {
        Map<EventId, Event> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.id(), e));
        List<Event> ordered = new ArrayList<>(unique.values());
        ordered.sort(Comparator.comparing(Stamp::of));
        Fold fold = new Fold(founder);
        List<Refusal> refusals = new ArrayList<>();
        for (Event event : ordered) {
            Optional<AuthorityRule> refusal = Authority.originRefusal(event).or(() -> fold.refusal(event, activity));
            if (refusal.isPresent()) {
                refusals.add(new Refusal(event.id(), EntityKey.ROSTER, refusal.get()));
            } else {
                fold.take(event);
            }
        }
        refusals.sort(Comparator.comparing(Refusal::eventId));
        return new Materializer.Folded(fold.entity(), refusals);
    }

    /** The founder with the ownership changes a stored roster entity holds: the owner as of any stamp. */
    public static HiveOwner ownership(HiveOwner founder, Optional<Entity> roster) {
        List<HiveOwner.Handover> handovers = new ArrayList<>();
        roster.ifPresent(r -> r.fields().forEach((name, register) -> {
            if (name.startsWith(OWNER)) {
                HiveOwner to = ownerOf(((JsonObject) register.value()).object("owner"));
                handovers.add(new HiveOwner.Handover(register.stamp(), to.instanceId(), to.agentId()));
            }
        }));
        return founder.founder().withHandovers(handovers);
    }

    /** What a stored roster entity says, for a group with this founder. */
    public static RosterView view(HiveOwner founder, Optional<Entity> roster) {
        Map<String, RosterView.Entry> members = new TreeMap<>();
        members.put(founder.instanceId(), new RosterView.Entry(founder.instanceId(), RosterView.Status.ACTIVE,
                Optional.empty(), Optional.empty()));
        Map<String, HiveOwner> claims = new TreeMap<>();
        if (roster.isPresent()) {
            for (Map.Entry<String, Register> field : roster.get().fields().entrySet()) {
                JsonObject value = (JsonObject) field.getValue().value();
                String name = field.getKey();
                if (name.startsWith(MEMBER)) {
                    String instance = name.substring(MEMBER.length());
                    members.put(instance, new RosterView.Entry(instance,
                            RosterView.Status.valueOf(value.string("status").toUpperCase()),
                            Optional.of(field.getValue().stamp().hlc()), value.optionalString("plan_id")));
                } else if (name.startsWith(CLAIM)) {
                    claims.put(name.substring(CLAIM.length()), ownerOf(value.object("successor")));
                }
            }
        }
        return new RosterView(List.copyOf(members.values()), ownership(founder, roster).current(), claims);
    }

    private static final String MEMBER = "member:";
    private static final String CLAIM = "claim:";
    private static final String OWNER = "owner:";

    private static HiveOwner ownerOf(JsonObject json) {
        return new HiveOwner(json.string("instance_id"), json.string("agent_id"));
    }

    private static JsonObject ownerJson(HiveOwner owner) {
        return JsonObject.builder().put("instance_id", owner.instanceId()).put("agent_id", owner.agentId()).build();
    }

    /** The roster as the fold has reached it: who is active, who owns, who claimed whom. */
    private static final class Fold {
        private final Set<String> active = new TreeSet<>();
        private final Map<String, Register> fields = new TreeMap<>();
        private final Map<String, HiveOwner> claims = new TreeMap<>();
        private HiveOwner owner;
        /** When the owner became owner: its silence counts from then at the latest. */
        private Hlc ownerSince = Hlc.ZERO;

        Fold(HiveOwner founder) {
            this.owner = founder.founder();
            active.add(founder.instanceId());
        }

        Optional<AuthorityRule> refusal(Event event, Activity activity) {
            String actor = event.payload().actor().instanceId();
            if (!active.contains(actor)) {
                return Optional.of(AuthorityRule.NOT_ON_ROSTER);
            }
            if (event.payload() instanceof RosterChanged r) {
                if (r.action() == RosterAction.LEFT && !r.instanceId().equals(actor)) {
                    return Optional.of(AuthorityRule.NOT_SELF);
                }
                if (r.action() != RosterAction.ADMITTED && r.instanceId().equals(owner.instanceId())) {
                    return Optional.of(AuthorityRule.OWNER_ON_ROSTER);
                }
                return Optional.empty();
            }
            if (event.payload() instanceof OwnerTransferred t) {
                if (!actor.equals(owner.instanceId())) {
                    return Optional.of(AuthorityRule.NOT_OWNER_INSTANCE);
                }
                return active.contains(t.owner().instanceId()) ? Optional.empty() : Optional.of(AuthorityRule.NOT_ON_ROSTER);
            }
            OwnerSuccessionClaimed c = (OwnerSuccessionClaimed) event.payload();
            if (!active.contains(c.successor().instanceId())) {
                return Optional.of(AuthorityRule.NOT_ON_ROSTER);
            }
            if (actor.equals(owner.instanceId())) {
                return Optional.of(AuthorityRule.OWNER_NOT_SILENT);
            }
            long heardAfter = event.hlc().wallMillis() - c.silenceLimitMillis();
            boolean heard = ownerSince.wallMillis() > heardAfter || activity.latestFrom(owner.instanceId(), event.hlc())
                    .filter(last -> last.wallMillis() > heardAfter).isPresent();
            return heard ? Optional.of(AuthorityRule.OWNER_NOT_SILENT) : Optional.empty();
        }

        void take(Event event) {
            Stamp stamp = Stamp.of(event);
            if (event.payload() instanceof RosterChanged r) {
                String status = r.action() == RosterAction.ADMITTED ? "active" : r.action().wire();
                fields.put(MEMBER + r.instanceId(), new Register(JsonObject.builder().put("status", status)
                        .putIfPresent("plan_id", r.planId()).put("by", r.by().toJson()).build(), stamp, false));
                if (r.action() == RosterAction.ADMITTED) {
                    active.add(r.instanceId());
                } else {
                    active.remove(r.instanceId());
                }
            } else if (event.payload() instanceof OwnerTransferred t) {
                moveTo(new HiveOwner(t.owner().instanceId(), t.owner().agentId()), stamp, t.by(), "transfer");
            } else {
                OwnerSuccessionClaimed c = (OwnerSuccessionClaimed) event.payload();
                HiveOwner successor = new HiveOwner(c.successor().instanceId(), c.successor().agentId());
                claims.put(c.by().instanceId(), successor);
                fields.put(CLAIM + c.by().instanceId(), new Register(JsonObject.builder()
                        .put("successor", ownerJson(successor)).put("by", c.by().toJson()).build(), stamp, false));
                Set<String> claimants = new TreeSet<>(active);
                claimants.remove(owner.instanceId());
                if (claimants.stream().allMatch(m -> successor.equals(claims.get(m)))) {
                    moveTo(successor, stamp, c.by(), "succession");
                }
            }
        }

        private void moveTo(HiveOwner next, Stamp stamp, AgentRef by, String via) {
            owner = next;
            ownerSince = stamp.hlc();
            claims.clear();
            fields.keySet().removeIf(f -> f.startsWith(CLAIM));
            fields.put(OWNER + stamp.hlc() + ":" + stamp.eventId().value(), new Register(JsonObject.builder().put("owner", ownerJson(next)).put("by", by.toJson())
                    .put("via", via).build(), stamp, false));
        }

        Optional<Entity> entity() {
            return fields.isEmpty() ? Optional.empty()
                    : Optional.of(new Entity(EntityKey.ROSTER, Optional.empty(), fields, Optional.empty()));
        }
    }
}
