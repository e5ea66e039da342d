package org.hivemesh.domain.hive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hivemesh.domain.conflict.Stamp;
import org.hivemesh.domain.event.Event;

/** What a local write asks before it is signed into the log: whether its events would take effect. */
public final class WriteChecks {
    private WriteChecks() {
    }

    /**
     * Whether each of some new events would take effect, each on top of the stored state and of the events before it
     * that would, by the rules the batch path applies: what asking one by one gives if each event that takes effect
     * were stored before the next is asked. The stored state is read once for all of them. Content is checked under the owner before the events;
     * a handover among them moves the owner when the batch is materialized.
     */
    public static List<Optional<AuthorityRule>> refusalsOf(HiveOwner founder, List<Event> events,
                                                          Materializer.Source source) {
        RosterStep roster = RosterStep.of(founder, List.of(), source);
        HiveOwner owner = roster.after();
        Set<String> agents = new TreeSet<>();
        Set<EntityKey> keys = new TreeSet<>();
        for (Event event : events) {
            if (RosterRules.isRosterEvent(event)) {
                continue;
            }
            agents.add(event.payload().actor().key());
            if (Authority.isGovernance(event)) {
                agents.add(Authority.subject(event));
            }
            keys.add(HiveRules.keyOf(event));
        }
        Materializer.Governance governance = Materializer.Governance.load(agents, source);
        List<Event> governanceEvents = new ArrayList<>(governance.events());
        Map<EntityKey, Entity> current = new HashMap<>(source.entities(keys));
        AuthorityContext context = null;
        List<Optional<AuthorityRule>> refusals = new ArrayList<>();
        List<Event> rosterEvents = new ArrayList<>();
        for (Event event : events) {
            if (RosterRules.isRosterEvent(event)) {
                Optional<AuthorityRule> refusal = roster.refusalOf(founder, rosterEvents, event, source);
                if (refusal.isEmpty()) {
                    rosterEvents.add(event);
                }
                refusals.add(refusal);
                continue;
            }
            EntityKey key = HiveRules.keyOf(event);
            Optional<Entity> target = Optional.ofNullable(current.get(key));
            Optional<AuthorityRule> refusal;
            if (Authority.isGovernance(event)) {
                List<Event> withEvent = new ArrayList<>(governanceEvents);
                withEvent.add(event);
                refusal = Authority.refusal(event, AuthorityContext.forAgents(owner, governance.membershipOf(),
                        governance.moderatorOf(), withEvent), target);
                if (refusal.isEmpty()) {
                    governanceEvents.add(event);
                    context = null;
                }
            } else {
                if (context == null) {
                    context = AuthorityContext.forAgents(owner, governance.membershipOf(), governance.moderatorOf(),
                            governanceEvents);
                }
                refusal = Authority.refusal(event, context, target);
            }
            if (refusal.isEmpty()) {
                current.put(key, HiveRules.apply(target, event, owner.at(Stamp.of(event)).instanceId()));
            }
            refusals.add(refusal);
        }
        return refusals;
    }
}
