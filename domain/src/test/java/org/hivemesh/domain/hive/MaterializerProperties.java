package org.hivemesh.domain.hive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.testing.HistoryGenerator;
import org.hivemesh.domain.testing.Intruders;

/** The batch path a store takes gives exactly the projection of the whole set, whatever the batches and their order. */
class MaterializerProperties {
    private static final HiveOwner OWNER = HistoryGenerator.owner();

    /** The smallest store: a log, materialized entities and refusals, updated as a real store updates them. */
    static final class Store implements Materializer.Source {
        final Map<EventId, Event> log = new LinkedHashMap<>();
        final Map<EntityKey, Entity> entities = new TreeMap<>();
        final Map<EventId, Refusal> refusals = new HashMap<>();
        private final HiveOwner owner;

        Store() {
            this(OWNER);
        }

        Store(HiveOwner owner) {
            this.owner = owner;
        }

        void append(List<Event> batch) {
            List<Event> fresh = new ArrayList<>();
            for (Event e : batch) {
                if (log.putIfAbsent(e.id(), e) == null) {
                    fresh.add(e);
                }
            }
            Materializer.Outcome outcome = Materializer.apply(owner, fresh, this);
            for (Materializer.Change change : outcome.changes()) {
                change.after().ifPresentOrElse(e -> entities.put(change.key(), e), () -> entities.remove(change.key()));
            }
            refusals.values().removeIf(r -> outcome.recomputed().contains(r.entity()));
            outcome.refusals().forEach(r -> refusals.put(r.eventId(), r));
        }

        @Override
        public Map<EntityKey, Entity> entities(Set<EntityKey> keys) {
            Map<EntityKey, Entity> found = new HashMap<>();
            keys.forEach(k -> {
                if (entities.containsKey(k)) {
                    found.put(k, entities.get(k));
                }
            });
            return found;
        }

        @Override
        public List<Event> eventsOf(Set<EntityKey> keys) {
            return log.values().stream().filter(e -> keys.contains(HiveRules.keyOf(e))).toList();
        }

        @Override
        public Set<EntityKey> keysActedBy(Set<String> agentKeys) {
            Set<EntityKey> keys = new TreeSet<>();
            log.values().stream().filter(e -> agentKeys.contains(e.payload().actor().key()))
                    .forEach(e -> keys.add(HiveRules.keyOf(e)));
            return keys;
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

    @Provide
    Arbitrary<List<Event>> histories() {
        return Arbitraries.longs().flatMap(seed -> Arbitraries.integers().between(1, 80)
                .map(size -> {
                    List<Event> all = new ArrayList<>(HistoryGenerator.generate(seed, size));
                    all.addAll(Intruders.against(all, seed, 1 + size / 8));
                    return all;
                }));
    }

    @Property(tries = 300)
    void batchesInAnyOrderMaterializeTheProjectionOfTheSet(@ForAll("histories") List<Event> history,
                                                           @ForAll long seed,
                                                           @ForAll @IntRange(min = 1, max = 12) int maxBatch) {
        Random random = new Random(seed);
        List<Event> delivered = new ArrayList<>(history);
        for (int i = 0; i < history.size() / 4; i++) {
            delivered.add(history.get(random.nextInt(history.size())));
        }
        Collections.shuffle(delivered, random);
        Store store = new Store();
        for (int from = 0; from < delivered.size(); ) {
            int to = Math.min(delivered.size(), from + 1 + random.nextInt(maxBatch));
            store.append(delivered.subList(from, to));
            from = to;
        }

        HiveState expected = HiveState.project(OWNER, history);

        assertThat(HiveState.digestOf(store.entities.values())).isEqualTo(expected.stateDigest());
        assertThat(new ArrayList<>(store.entities.values())).isEqualTo(new ArrayList<>(expected.entities()));
        assertThat(new TreeSet<>(store.refusals.keySet())).isEqualTo(new TreeSet<>(
                expected.refusals().stream().map(Refusal::eventId).toList()));
        assertThat(store.refusals.values()).containsExactlyInAnyOrderElementsOf(expected.refusals());
    }
}
