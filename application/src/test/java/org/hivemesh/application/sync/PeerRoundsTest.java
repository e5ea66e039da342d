package org.hivemesh.application.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.fakes.InMemoryPeerTransport;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase.GroupRound;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase.Phase;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase.Step;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase.Round;
import org.hivemesh.application.sync.port.in.SyncPeersUseCase;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.junit.jupiter.api.Test;

/** One sync round with a peer, as the workers run it, and what failures do to the peer's entry. */
class PeerRoundsTest {
    private static final Duration TTL = Duration.ofDays(1);

    private final InMemoryPeerTransport.Network network = new InMemoryPeerTransport.Network();
    private final TestSync.Settings settings = TestSync.Settings.defaults()
            .with(new HandshakeService.Settings(TTL, HandshakeService.Settings.DEFAULT_MAX_PEERS_PER_GROUP));
    private final TestSync there = new TestSync("there", network, settings);
    private final TestSync here = new TestSync("here", network, settings);
    private final String group = there.share("lab");

    private String thePeer() {
        return here.peerOf(there).peerId();
    }

    @Test
    void aPullRefusedForUnsharedWorkIsAnsweredByContributingAndPullingAgainInTheSameRound() {
        here.join(there, "lab");
        there.post("lab", 2);
        here.post("lab", 1);
        here.transport.loseNextReply(call -> call.operation().equals("pull"),
                new PeerTransport.PeerRefused(409, "contribute_first", "1 local events are not yet shared"));

        Round round = here.rounds.syncWith(thePeer());

        assertThat(round.groups()).hasSize(1);
        assertThat(here.digest(group)).isEqualTo(there.digest(group));
        assertThat(here.sync.hiveStates(thePeer())).as("no trouble kept for lab").isEmpty();
        assertThat(here.transport.calls("pull")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aRoundJoinsTheHivesOfAStandingPeerPushesWhatItLacksAndPullsWhatItHas() {
        there.post("lab", 4);
        long theirs = there.count(group);
        PeerRecord standing = here.peers.addPeer(new SyncPeersUseCase.AddPeerCommand("there", there.endpoint,
                List.of("lab"), "admin"));
        here.app.clock.advance(Duration.ofMinutes(1));

        Round first = here.rounds.syncWith(standing.peerId());
        here.post("lab", 3);
        Round second = here.rounds.syncWith(standing.peerId());

        assertThat(first.groups()).containsExactly(new GroupRound(group, "lab", 0, (int) theirs, 0, 0));
        assertThat(second.groups()).containsExactly(new GroupRound(group, "lab", 3, 0, 0, 0));
        assertThat(here.digest(group)).isEqualTo(there.digest(group));
        assertThat(here.sync.peer(standing.peerId())).hasValueSatisfying(p -> {
            assertThat(p.status()).isEqualTo(PeerStatus.ACTIVE);
            assertThat(p.lastSeen()).contains(here.app.clock.now());
            assertThat(p.source()).isEqualTo(PeerSource.MANUAL);
        });
        assertThat(here.transport.calls("handshake")).hasSize(1);
    }

    @Test
    void anExpiredTokenIsDroppedOnTheRefusalAndTheNextRoundGetsANewOneBySignedHandshake() {
        here.join(there, "lab");
        String expired = here.peerOf(there).outboundToken().orElseThrow();
        there.app.clock.advance(TTL);
        here.app.clock.advance(TTL);
        there.post("lab", 2);

        assertThatThrownBy(() -> here.rounds.syncWith(thePeer())).isInstanceOfSatisfying(PeerTransport.PeerRefused.class,
                e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("token_expired");
                });
        assertThat(here.peerOf(there).outboundToken()).isEmpty();
        int handshakes = here.transport.calls("handshake").size();

        Round round = here.rounds.syncWith(thePeer());

        assertThat(here.transport.calls("handshake")).hasSize(handshakes + 1);
        assertThat(here.peerOf(there).outboundToken()).hasValueSatisfying(t -> assertThat(t).isNotEqualTo(expired));
        assertThat(round.pulled()).isEqualTo((int) there.count(group));
        assertThat(here.digest(group)).isEqualTo(there.digest(group));
    }

    @Test
    void failuresMarkAPeerUnreachableThenErrorAndNeverForgetAManualOne() {
        here.join(there, "lab");
        String peer = thePeer();

        here.rounds.recordFailure(peer, "connection refused");
        assertThat(here.sync.peer(peer)).hasValueSatisfying(p -> {
            assertThat(p.status()).isEqualTo(PeerStatus.UNREACHABLE);
            assertThat(p.consecutiveFailures()).isEqualTo(1);
            assertThat(p.lastError()).contains("connection refused");
        });
        for (int i = 1; i < PeerStatus.ERROR_AFTER_FAILURES; i++) {
            here.rounds.recordFailure(peer, "still refused");
        }

        assertThat(here.sync.peer(peer)).hasValueSatisfying(p -> {
            assertThat(p.status()).isEqualTo(PeerStatus.ERROR);
            assertThat(p.consecutiveFailures()).isEqualTo(PeerStatus.ERROR_AFTER_FAILURES);
        });
        here.rounds.syncWith(peer);
        assertThat(here.sync.peer(peer)).hasValueSatisfying(p -> {
            assertThat(p.status()).isEqualTo(PeerStatus.ACTIVE);
            assertThat(p.consecutiveFailures()).isZero();
            assertThat(p.lastError()).isEmpty();
        });
    }

    @Test
    void aFailedPullIsCountedWithTheGroupAndPhaseItCameFrom() {
        here.join(there, "lab");
        String peer = thePeer();
        there.post("lab", 2);
        here.transport.failNext(call -> call.operation().equals("pull"), new IllegalStateException("connection reset"));

        assertThatThrownBy(() -> here.rounds.syncWith(peer)).hasMessage("connection reset");
        PeerRoundUseCase.Failure failure = here.rounds.recordFailure(peer, "connection reset");

        assertThat(failure.step()).contains(Step.of(Phase.PULL, "lab", Optional.of(group)));
        assertThat(failure.consecutiveFailures()).isEqualTo(1);
        assertThat(failure.status()).contains(PeerStatus.UNREACHABLE);
        assertThat(here.rounds.recordFailure(peer, "no round ran").step()).isEmpty();
    }

    @Test
    void aGossipedPeerThatKeepsFailingIsForgotten() {
        PeerRecord gossiped = new PeerRecord("peer_gossiped", "ghost", "http://ghost.test/sync/v1", Optional.empty(),
                Optional.empty(), Optional.empty(), PeerSource.GOSSIP, PeerStatus.PENDING, 0, Optional.empty(),
                Optional.empty(), List.of("lab"), here.app.clock.now(), 1, "gossip from inst_x");
        here.sync.savePeer(gossiped);
        int maxFailures = TestSync.Settings.defaults().gossip().maxFailures();

        for (int i = 1; i < maxFailures; i++) {
            here.rounds.recordFailure(gossiped.peerId(), "no answer");
        }
        assertThat(here.sync.peer(gossiped.peerId())).hasValueSatisfying(p ->
                assertThat(p.status()).isEqualTo(PeerStatus.UNREACHABLE));
        here.rounds.recordFailure(gossiped.peerId(), "no answer");

        assertThat(here.sync.peer(gossiped.peerId())).isEmpty();
    }
}
