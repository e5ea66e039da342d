package org.hivemesh.adapters.peers.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.hivemesh.application.sync.port.in.HeartbeatUseCase;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase;
import org.hivemesh.application.sync.port.out.SyncTelemetry;
import org.hivemesh.application.sync.port.wire.Heartbeat;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyncWorkersTest {
    private final AtomicInteger peerListReads = new AtomicInteger();
    private final AtomicInteger rounds = new AtomicInteger();
    private final SyncWorkers workers = new SyncWorkers(() -> new SyncWorkers.Work(new CountingRounds(), new NoHeartbeats(),
            () -> 0), new SyncWorkers.Settings(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(30), 2),
            new NoTelemetry());

    @AfterEach
    void stop() {
        workers.close();
    }

    @Test
    void aSignalStartsARoundWithThePeer() throws Exception {
        workers.start();
        awaitRounds(1);
        int before = rounds.get();

        workers.eventsStored("grp_a");

        awaitRounds(before + 1);
    }

    @Test
    void signalsWithinOneSpacingShareAPassOverThePeers() throws Exception {
        workers.start();
        awaitRounds(1);
        int readsBefore = peerListReads.get();
        long began = System.nanoTime();

        for (int i = 0; i < 2_000; i++) {
            workers.eventsStored("grp_a");
        }
        long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
        Thread.sleep(3 * SyncWorkers.PASS_SPACING_MILLIS);

        // Unspaced, each signal that found the scheduler waiting was a pass of its own, and a read of the peer list.
        int passes = peerListReads.get() - readsBefore;
        assertThat(passes).isBetween(1, (int) ((elapsedMillis + 3 * SyncWorkers.PASS_SPACING_MILLIS)
                / SyncWorkers.PASS_SPACING_MILLIS) + 2);
    }

    private void awaitRounds(int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (rounds.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(rounds.get()).isGreaterThanOrEqualTo(atLeast);
    }

    private final class CountingRounds implements PeerRoundUseCase {
        @Override
        public List<String> peerIds() {
            peerListReads.incrementAndGet();
            return List.of("peer_a");
        }

        @Override
        public Round syncWith(String peerId) {
            rounds.incrementAndGet();
            return Round.NONE;
        }

        @Override
        public Failure recordFailure(String peerId, String error) {
            return new Failure(Optional.empty(), 1, Optional.empty(), Optional.empty());
        }
    }

    private static final class NoHeartbeats implements HeartbeatUseCase {
        @Override
        public Heartbeat receive(PeerRecord peer, Heartbeat beat) {
            return beat;
        }

        @Override
        public void sendTo(String peerId) {
        }
    }

    private static final class NoTelemetry implements SyncTelemetry {
        @Override
        public void exchanged(String peerId, PeerRoundUseCase.GroupRound round) {
        }

        @Override
        public void failed(String peerId, Optional<PeerRoundUseCase.Step> step) {
        }

        @Override
        public void retryScheduled(String peerId) {
        }
    }
}
