package org.hivemesh.application.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.hivemesh.application.fakes.TestApplication;
import org.hivemesh.application.hub.port.in.HubUseCases.SwarmView;
import org.hivemesh.application.hub.port.out.HubStore.SwarmRecord;
import org.junit.jupiter.api.Test;

class HubServiceTest {
    private final TestApplication app = new TestApplication();
    private final HubService hub = new HubService(app.stores.hub(), app.stores.transactions(), app.audit, app.clock,
            app.ids, Duration.ofSeconds(90));

    private SwarmRecord swarm(String id, String name) {
        SwarmRecord swarm = new SwarmRecord(id, name, "inst_" + name, "ab", "http://" + name + "/sync/v1",
                List.of("hive_sync", "sync_endpoint"), "hash_" + name, app.clock.now(), app.clock.now());
        app.stores.hub().saveSwarm(swarm);
        return swarm;
    }

    @Test
    void theAdminSeesEverySwarmWithItsHivesAndWhetherItWentSilent() {
        SwarmRecord quiet = swarm("swm_1", "quiet");
        SwarmRecord alive = swarm("swm_2", "alive");
        hub.joinHive(alive, "eng");
        hub.joinHive(alive, "board");
        app.clock.advance(Duration.ofSeconds(91));
        hub.heartbeat(alive);

        List<SwarmView> swarms = hub.swarms();

        assertThat(swarms).extracting(SwarmView::swarmId).containsExactly(quiet.swarmId(), alive.swarmId());
        assertThat(swarms.get(0).stale()).isTrue();
        assertThat(swarms.get(0).hives()).isEmpty();
        assertThat(swarms.get(1).stale()).isFalse();
        assertThat(swarms.get(1).hives()).containsExactly("board", "eng");
        assertThat(swarms.get(1).lastHeartbeat()).isEqualTo(app.clock.now());
    }
}
