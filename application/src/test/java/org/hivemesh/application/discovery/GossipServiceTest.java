package org.hivemesh.application.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.fakes.ForeignInstance;
import org.hivemesh.application.fakes.InMemoryPeerTransport;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.Heartbeat;
import org.hivemesh.domain.peer.GossipRules;
import org.hivemesh.domain.peer.KnownPeer;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.junit.jupiter.api.Test;

/** Gossip on heartbeats: what an instance takes in about other peers, and what it passes on. */
class GossipServiceTest {
    private static final int CAP = 2;

    private final InMemoryPeerTransport.Network network = new InMemoryPeerTransport.Network();
    private final TestSync.Settings settings = TestSync.Settings.defaults()
            .with(new GossipService.Settings(true, new GossipRules.Settings(2, 1, CAP), 3));
    private final TestSync here = new TestSync("here", network, settings);
    private final String eng = here.share("eng");
    private final String ops = here.share("ops");
    private final PeerRecord teller = standing("peer_teller", "http://teller.test/sync/v1", PeerSource.MANUAL,
            List.of("eng", "ops"), 0);

    private PeerRecord standing(String peerId, String endpoint, PeerSource source, List<String> hives, int ttl) {
        ForeignInstance instance = new ForeignInstance(here.app.signatures);
        PeerRecord peer = new PeerRecord(peerId, peerId, endpoint, Optional.of(instance.instanceId),
                Optional.of(instance.keyHex()), Optional.of("hst_" + peerId), source, PeerStatus.ACTIVE, 0,
                Optional.of(here.app.clock.now()), Optional.empty(), hives, here.app.clock.now(), ttl, source.wire());
        here.sync.savePeer(peer);
        return peer;
    }

    private static KnownPeer known(String endpoint, List<String> hives, int ttl) {
        return new KnownPeer(endpoint, "someone", hives, "ab".repeat(32), ttl);
    }

    private Optional<PeerRecord> at(String endpoint) {
        return here.sync.peerByEndpoint(endpoint);
    }

    @Test
    void aGossipedPeerOfALocalHiveIsAddedPendingWithItsTtlAndOnlyTheHivesHeldHere() {
        here.gossip.learn(teller, List.of(new KnownPeer("http://carol.test", "carol", List.of("eng", "secret"),
                "cd".repeat(32), 1)));

        assertThat(at("http://carol.test/sync/v1")).hasValueSatisfying(p -> {
            assertThat(p.source()).isEqualTo(PeerSource.GOSSIP);
            assertThat(p.status()).isEqualTo(PeerStatus.PENDING);
            assertThat(p.name()).isEqualTo("carol");
            assertThat(p.sharedHives()).containsExactly("eng");
            assertThat(p.learnedTtl()).isEqualTo(1);
            assertThat(p.discoveredVia()).isEqualTo("gossip from " + teller.instanceId().orElseThrow());
            assertThat(p.instanceId()).as("the gossiped key is only a hint; the handshake pins one").isEmpty();
            assertThat(p.signingKey()).isEmpty();
            assertThat(here.signals.peersChanged).contains(p.peerId());
        });
    }

    @Test
    void gossipAboutHivesNotHeldHereOrUnreadableEndpointsIsIgnored() {
        int before = here.sync.peers().size();

        here.gossip.learn(teller, List.of(known("http://elsewhere.test", List.of("secret"), 2),
                known("ftp://odd.test", List.of("eng"), 2), known("not a url", List.of("eng"), 2)));

        assertThat(here.sync.peers()).hasSize(before);
        assertThat(here.signals.peersChanged).isEmpty();
    }

    @Test
    void thisInstanceIsNeverLearnedByItsEndpointOrByItsKey() {
        int before = here.sync.peers().size();

        here.gossip.learn(teller, List.of(known(here.endpoint, List.of("eng"), 2),
                new KnownPeer("http://alias.test", "me again", List.of("eng"), here.app.identity.publicKeyHex(), 2)));

        assertThat(here.sync.peers()).hasSize(before);
    }

    @Test
    void eachHiveTakesGossipPeersOnlyUpToItsCap() {
        here.gossip.learn(teller, List.of(known("http://one.test", List.of("eng"), 1),
                known("http://two.test", List.of("eng"), 1), known("http://three.test", List.of("eng"), 1),
                known("http://four.test", List.of("ops"), 1)));

        assertThat(here.sync.peers()).filteredOn(p -> p.source() == PeerSource.GOSSIP).extracting(PeerRecord::syncEndpoint)
                .containsExactlyInAnyOrder("http://one.test/sync/v1", "http://two.test/sync/v1", "http://four.test/sync/v1");
    }

    @Test
    void manualAndHubEntriesAreNeverChangedByGossip() {
        PeerRecord manual = standing("peer_manual", "http://manual.test/sync/v1", PeerSource.MANUAL, List.of("eng"), 0);
        PeerRecord hub = standing("peer_hub", "http://hub-found.test/sync/v1", PeerSource.HUB, List.of("eng"), 0);

        here.gossip.learn(teller, List.of(known("http://manual.test", List.of("eng", "ops"), 2),
                known("http://hub-found.test", List.of("eng", "ops"), 2)));

        assertThat(here.sync.peer(manual.peerId())).contains(manual);
        assertThat(here.sync.peer(hub.peerId())).contains(hub);
        assertThat(here.signals.peersChanged).isEmpty();
    }

    @Test
    void aFailingGossipEntryIsNotAddedTwiceAndGossipNeitherResetsNorRevivesIt() {
        here.gossip.learn(teller, List.of(known("http://flaky.test", List.of("eng"), 0)));
        PeerRecord learned = at("http://flaky.test/sync/v1").orElseThrow();
        here.rounds.recordFailure(learned.peerId(), "timeout");
        here.rounds.recordFailure(learned.peerId(), "timeout");

        here.gossip.learn(teller, List.of(known("http://flaky.test", List.of("eng"), 0)));
        here.gossip.learn(teller, List.of(known("http://flaky.test", List.of("eng", "ops"), 1)));

        assertThat(here.sync.peers()).filteredOn(p -> p.syncEndpoint().equals("http://flaky.test/sync/v1"))
                .singleElement().satisfies(p -> {
                    assertThat(p.peerId()).isEqualTo(learned.peerId());
                    assertThat(p.sharedHives()).containsExactly("eng", "ops");
                    assertThat(p.learnedTtl()).isEqualTo(1);
                    assertThat(p.status()).isEqualTo(PeerStatus.UNREACHABLE);
                    assertThat(p.consecutiveFailures()).isEqualTo(2);
                });
    }

    /**
     * Forgetting is not a ban: an entry forgotten after its failures is learned again from the next heartbeat that
     * still carries it (a partition that heals is found again), and starts over with no failures.
     */
    @Test
    void aForgottenPeerIsLearnedAgainWhileAPeerStillVouchesForIt() {
        here.gossip.learn(teller, List.of(known("http://flaky.test", List.of("eng"), 0)));
        String first = at("http://flaky.test/sync/v1").orElseThrow().peerId();
        for (int i = 0; i < settings.gossip().maxFailures(); i++) {
            here.rounds.recordFailure(first, "timeout");
        }
        assertThat(here.sync.peer(first)).isEmpty();

        here.gossip.learn(teller, List.of(known("http://flaky.test", List.of("eng"), 0)));

        assertThat(at("http://flaky.test/sync/v1")).hasValueSatisfying(p -> {
            assertThat(p.peerId()).isNotEqualTo(first);
            assertThat(p.consecutiveFailures()).isZero();
            assertThat(p.status()).isEqualTo(PeerStatus.PENDING);
        });
    }

    @Test
    void aRecipientIsToldOnlyOfPeersSharingItsHivesAndEachAtOneHopLess() {
        PeerRecord recipient = standing("peer_recipient", "http://recipient.test/sync/v1", PeerSource.MANUAL,
                List.of("eng"), 0);
        here.sync.link(recipient.peerId(), eng);
        standing("peer_manual", "http://manual.test/sync/v1", PeerSource.MANUAL, List.of("eng", "ops"), 0);
        standing("peer_hub", "http://hub-found.test/sync/v1", PeerSource.HUB, List.of("eng"), 0);
        standing("peer_learned", "http://learned.test/sync/v1", PeerSource.GOSSIP, List.of("eng"), 1);
        standing("peer_last_hop", "http://last-hop.test/sync/v1", PeerSource.GOSSIP, List.of("eng"), 0);
        standing("peer_admitted", "http://admitted.test/sync/v1", PeerSource.HANDSHAKE, List.of("eng"), 0);
        standing("peer_ops_only", "http://ops-only.test/sync/v1", PeerSource.MANUAL, List.of("ops"), 0);
        here.sync.savePeer(standing("peer_broken", "http://broken.test/sync/v1", PeerSource.MANUAL, List.of("eng"), 0)
                .withContact(PeerStatus.ERROR, 12, Optional.empty(), Optional.of("down")));
        here.sync.savePeer(new PeerRecord("peer_unverified", "unverified", "http://unverified.test/sync/v1",
                Optional.empty(), Optional.empty(), Optional.empty(), PeerSource.MANUAL, PeerStatus.PENDING, 0,
                Optional.empty(), Optional.empty(), List.of("eng"), here.app.clock.now(), 0, "admin"));

        List<KnownPeer> told = here.gossip.forPeer(recipient);

        assertThat(told).extracting(k -> k.syncEndpoint() + " " + k.sharedHives() + " ttl " + k.ttl())
                .containsExactlyInAnyOrder("http://teller.test/sync/v1 [eng] ttl 2", "http://manual.test/sync/v1 [eng] ttl 2",
                        "http://hub-found.test/sync/v1 [eng] ttl 1", "http://learned.test/sync/v1 [eng] ttl 0",
                        "http://admitted.test/sync/v1 [eng] ttl 0");
    }

    @Test
    void heartbeatsCarryGossipFromOnePeerToAnother() {
        TestSync center = new TestSync("center", network, settings);
        TestSync carol = new TestSync("carol", network, settings);
        TestSync dave = new TestSync("dave", network, settings);
        center.share("team");
        carol.join(center, "team");
        dave.join(center, "team");

        dave.heartbeats.sendTo(dave.peerOf(center).peerId());

        assertThat(dave.sync.peerByEndpoint(carol.endpoint)).hasValueSatisfying(p -> {
            assertThat(p.source()).isEqualTo(PeerSource.GOSSIP);
            assertThat(p.sharedHives()).containsExactly("team");
            assertThat(p.learnedTtl()).as("a peer admitted by handshake is passed on to direct peers only").isZero();
            assertThat(p.discoveredVia()).isEqualTo("gossip from " + center.id());
        });
        assertThat(center.sync.peers()).hasSize(2);
    }

    @Test
    void withGossipOffNothingIsLearnedOrTold() {
        TestSync quiet = new TestSync("quiet", network, settings.with(new GossipService.Settings(false,
                settings.gossip().rules(), 3)));
        quiet.share("eng");
        PeerRecord peer = new PeerRecord("peer_x", "x", "http://x.test/sync/v1", Optional.of("inst_x"),
                Optional.of("ab".repeat(32)), Optional.empty(), PeerSource.MANUAL, PeerStatus.ACTIVE, 0, Optional.empty(),
                Optional.empty(), List.of("eng"), quiet.app.clock.now(), 0, "admin");
        quiet.sync.savePeer(peer);

        quiet.gossip.learn(peer, List.of(known("http://new.test", List.of("eng"), 2)));
        Heartbeat reply = quiet.heartbeats.receive(peer, new Heartbeat("inst_x", Map.of(), List.of()));

        assertThat(quiet.sync.peers()).containsExactly(peer);
        assertThat(reply.knownPeers()).isEmpty();
        assertThat(quiet.gossip.forPeer(peer)).isEmpty();
    }
}
