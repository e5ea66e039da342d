package org.hivemesh.domain.hive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.testing.HistoryGenerator;

class StateDigestProperties {
    private static final HiveOwner OWNER = HistoryGenerator.owner();

    /** What a store does: moves the digest by each entity that changed, never hashing the whole state again. */
    @Property(tries = 60)
    void aDigestMovedEntityByEntityInAnyOrderEqualsTheProjectionsDigest(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int size, @ForAll long shuffleSeed) {
        List<Event> delivered = new ArrayList<>(HistoryGenerator.generate(seed, size));
        Collections.shuffle(delivered, new Random(shuffleSeed));

        StateDigest digest = StateDigest.EMPTY;
        Map<EntityKey, String> before = new TreeMap<>();
        List<Event> seen = new ArrayList<>();
        for (Event e : delivered) {
            seen.add(e);
            Map<EntityKey, String> after = new TreeMap<>();
            HiveState.project(OWNER, seen).entities().forEach(x -> after.put(x.key(), x.toJson().canonical()));
            TreeSet<EntityKey> keys = new TreeSet<>(before.keySet());
            keys.addAll(after.keySet());
            for (EntityKey k : keys) {
                if (!Optional.ofNullable(before.get(k)).equals(Optional.ofNullable(after.get(k)))) {
                    digest = digest.replace(Optional.ofNullable(before.get(k)), Optional.ofNullable(after.get(k)));
                }
            }
            before = after;
        }

        HiveState projected = HiveState.project(OWNER, delivered);
        assertThat(digest.hex()).isEqualTo(projected.stateDigest());
        assertThat(StateDigest.fromSumHex(digest.sumHex())).isEqualTo(digest);
    }

    @Property(tries = 60)
    void takingAnyEntityOutChangesTheDigestAndPuttingItBackRestoresIt(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int size) {
        List<Entity> entities = new ArrayList<>(HiveState.project(OWNER, HistoryGenerator.generate(seed, size)).entities());
        Assume.that(!entities.isEmpty());
        StateDigest all = StateDigest.of(entities);
        String one = entities.get(new Random(seed).nextInt(entities.size())).toJson().canonical();

        StateDigest without = all.minus(one);

        assertThat(without.hex()).isNotEqualTo(all.hex());
        assertThat(without.plus(one)).isEqualTo(all);
    }
}
