package org.hivemesh.application.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hivemesh.application.fakes.TestApplication;
import org.hivemesh.application.hub.port.in.HubUseCases;
import org.hivemesh.application.hub.port.in.HubUseCases.SwarmView;
import org.hivemesh.application.hub.port.out.HubStore.SwarmRecord;
import org.junit.jupiter.api.Test;

class HubServiceTest {
    private final TestApplication app = new TestApplication();
    private final HubChanges changes = new HubChanges(1000, 2);
    private final HubService hub = new HubService(app.stores.hub(), app.stores.transactions(), app.audit, app.clock,
            app.ids, Duration.ofSeconds(90), changes);

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

    @Test
    void membershipMovesTheVersionOnlyWhenItChangesAndAWaitingMemberIsAnsweredAtTheChange() throws Exception {
        SwarmRecord a = swarm("swm_a", "a");
        SwarmRecord b = swarm("swm_b", "b");
        hub.joinHive(a, "lab");
        long version = hub.peers(b, OptionalLong.empty(), Duration.ZERO).version();

        hub.joinHive(a, "lab");
        assertThat(hub.peers(b, OptionalLong.of(version), Duration.ZERO).version()).as("a repeated join is no change")
                .isEqualTo(version);
        CompletableFuture<HubUseCases.PeerList> waiting = CompletableFuture.supplyAsync(
                () -> hub.peers(b, OptionalLong.of(version), Duration.ofSeconds(20)));
        awaitWaiters(1);
        hub.joinHive(b, "lab");

        HubUseCases.PeerList answer = waiting.get(10, TimeUnit.SECONDS);
        assertThat(answer.version()).isEqualTo(version + 1);
        assertThat(answer.peers()).extracting(HubUseCases.SwarmPeer::swarmId).containsExactly("swm_a");
        hub.leaveHive(b, "lab");
        hub.leaveHive(b, "lab");
        assertThat(changes.version()).isEqualTo(version + 2);
    }

    @Test
    void waitingIsBoundedInCountAndInTime() throws Exception {
        long version = changes.version();
        List<CompletableFuture<Long>> two = List.of(waitFor(version), waitFor(version));
        awaitWaiters(2);

        long started = System.nanoTime();
        assertThat(changes.awaitChange(version, Duration.ofSeconds(20))).as("a third is answered at once")
                .isEqualTo(version);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(changes.awaitChange(version - 1, Duration.ofSeconds(20))).as("a stale version is answered at once")
                .isEqualTo(version);
        changes.changed();
        for (CompletableFuture<Long> w : two) {
            assertThat(w.get(10, TimeUnit.SECONDS)).isEqualTo(version + 1);
        }
        assertThat(changes.awaitChange(version + 1, Duration.ofMillis(50))).as("a wait that times out")
                .isEqualTo(version + 1);
        assertThat(changes.waiting()).isZero();
    }

    private CompletableFuture<Long> waitFor(long version) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return changes.awaitChange(version, Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> new Thread(runnable).start());
    }

    /** A bounded loop on an observable condition: the waiters have entered the wait. */
    private void awaitWaiters(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (changes.waiting() < count) {
            assertThat(System.nanoTime()).as("waiters entered").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
