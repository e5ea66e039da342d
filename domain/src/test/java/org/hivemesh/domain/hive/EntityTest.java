package org.hivemesh.domain.hive;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.testing.HistoryGenerator;

class EntityTest {
    @Property(tries = 50)
    void everyEntityRoundTripsThroughItsJsonForm(@ForAll long seed) {
        HiveState state = HiveState.project(HistoryGenerator.owner(), HistoryGenerator.generate(seed, 60));

        for (Entity entity : state.entities()) {
            assertThat(Entity.fromJson(Json.parseObject(entity.toJson().canonical()))).isEqualTo(entity);
        }
    }
}
