package org.hivemesh.domain.hive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.RosterAction;
import org.hivemesh.domain.event.RosterChanged;
import org.hivemesh.domain.testing.Events;
import org.hivemesh.domain.testing.HistoryGenerator;

/**
 * Roster and owner converge: whatever order and batching roster changes, transfers, succession claims and the owner's
 * other events arrive in, with events of instances never on the roster and forged ones mixed in, every store reaches
 * the projection of the set, and the events without authority change nothing.
 */
class RosterProperties {
    /** The last one is never admitted: every event it signs is an intruder's. */
    private static final List<String> INSTANCES = List.of("inst_a", "inst_b", "inst_c", "inst_d", "inst_m");

    /** A random history of roster and ownership events over a few months, plus some activity of every instance. */
    static List<Event> history(long seed, int size) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            long wall = (long) random.nextInt(120) * RosterRulesTest.DAY + random.nextInt(1000);
            AgentRef by = agent(pick(random));
            AgentRef subject = agent(INSTANCES.get(random.nextInt(INSTANCES.size() - 1)));
            switch (random.nextInt(8)) {
                case 0, 1, 2 -> events.add(RosterRulesTest.change(wall, by, subject.instanceId(), RosterAction.ADMITTED));
                case 3 -> events.add(RosterRulesTest.change(wall, by, subject.instanceId(),
                        random.nextBoolean() ? RosterAction.REMOVED : RosterAction.LEFT));
                case 4 -> events.add(RosterRulesTest.transfer(wall, by, subject));
                case 5 -> events.add(RosterRulesTest.claim(wall, by, subject));
                case 6 -> events.add(Events.event(by.instanceId(), wall, new EventPayload.HiveSettingChanged("topic",
                        JsonValue.of("t" + i), Events.agent(by.instanceId(), "agent"))));
                default -> events.add(Events.event("inst_m", wall,
                        new RosterChanged("inst_m", RosterAction.ADMITTED, Optional.empty(), by)));
            }
        }
        return events;
    }

    private static String pick(Random random) {
        return INSTANCES.get(random.nextInt(INSTANCES.size()));
    }

    private static AgentRef agent(String instance) {
        return Events.agent(instance, "instance");
    }

    @Property(tries = 300)
    void rosterAndOwnerConvergeForAnyOrderAndBatching(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int size,
                                                      @ForAll long deliverySeed,
                                                      @ForAll @IntRange(min = 1, max = 8) int maxBatch) {
        List<Event> history = history(seed, size);
        Random random = new Random(deliverySeed);
        List<Event> delivered = new ArrayList<>(history);
        for (int i = 0; i < history.size() / 4; i++) {
            delivered.add(history.get(random.nextInt(history.size())));
        }
        Collections.shuffle(delivered, random);
        MaterializerProperties.Store store = new MaterializerProperties.Store(RosterRulesTest.FOUNDER);
        for (int from = 0; from < delivered.size(); ) {
            int to = Math.min(delivered.size(), from + 1 + random.nextInt(maxBatch));
            store.append(delivered.subList(from, to));
            from = to;
        }

        HiveState expected = HiveState.project(RosterRulesTest.FOUNDER, history);
        HiveState reversed = HiveState.project(RosterRulesTest.FOUNDER, reverse(delivered));

        assertThat(HiveState.digestOf(store.entities.values())).isEqualTo(expected.stateDigest())
                .isEqualTo(reversed.stateDigest());
        assertThat(RosterRules.view(RosterRulesTest.FOUNDER, Optional.ofNullable(store.entities.get(EntityKey.ROSTER))))
                .isEqualTo(expected.roster()).isEqualTo(reversed.roster());
        assertThat(store.refusals.values()).containsExactlyInAnyOrderElementsOf(expected.refusals());
    }

    /**
     * Hive content and governance mixed with roster and ownership events: a handover moves owner-preferring LWW and
     * owner authority for every entity after it, and the batch path still reaches the projection of the set.
     */
    @Property(tries = 200)
    void contentFoldsTheSameWhereverOwnershipMovesInTheBatches(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int size,
                                                              @ForAll long deliverySeed,
                                                              @ForAll @IntRange(min = 1, max = 8) int maxBatch) {
        HiveOwner founder = HistoryGenerator.owner();
        List<Event> history = new ArrayList<>(HistoryGenerator.generate(seed, size));
        history.addAll(history(seed, 1 + size / 3));
        Random random = new Random(deliverySeed);
        List<Event> delivered = new ArrayList<>(history);
        Collections.shuffle(delivered, random);
        MaterializerProperties.Store store = new MaterializerProperties.Store(founder);
        for (int from = 0; from < delivered.size(); ) {
            int to = Math.min(delivered.size(), from + 1 + random.nextInt(maxBatch));
            store.append(delivered.subList(from, to));
            from = to;
        }

        HiveState expected = HiveState.project(founder, history);

        assertThat(new ArrayList<>(store.entities.values())).isEqualTo(new ArrayList<>(expected.entities()));
        assertThat(store.refusals.values()).containsExactlyInAnyOrderElementsOf(expected.refusals());
    }

    /**
     * Events of an instance never admitted, and forged ones, are all refused and change nothing. (Other refused
     * events still count as activity of their origin, which succession claims read, so they are not removed here.)
     */
    @Property(tries = 300)
    void eventsOfInstancesOffTheRosterChangeNothing(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int size) {
        List<Event> history = history(seed, size);
        HiveState all = HiveState.project(RosterRulesTest.FOUNDER, history);
        Set<String> refused = all.refusals().stream().map(r -> r.eventId().value()).collect(Collectors.toSet());
        List<Event> intruding = history.stream().filter(e -> e.origin().equals("inst_m")).toList();
        assertThat(intruding).allMatch(e -> refused.contains(e.id().value()));

        List<Event> effective = history.stream().filter(e -> !e.origin().equals("inst_m")).toList();
        HiveState without = HiveState.project(RosterRulesTest.FOUNDER, effective);

        assertThat(without.stateDigest()).isEqualTo(all.stateDigest());
        assertThat(without.roster()).isEqualTo(all.roster());
        assertThat(all.roster().active()).doesNotContain("inst_m")
                .isSubsetOf(new TreeSet<>(INSTANCES.subList(0, 4)));
    }

    private static List<Event> reverse(List<Event> events) {
        List<Event> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        return reversed;
    }
}
