package org.hivemesh.application.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.fakes.ForeignInstance;
import org.hivemesh.application.fakes.InMemoryPeerTransport;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.AuditLog.AuditRecord;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.HandshakeReply;
import org.hivemesh.application.sync.port.wire.HandshakeRequest;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The callee's side of the handshake: who is admitted, for how long, and at which endpoint. */
class HandshakeServiceTest {
    private static final Duration TTL = Duration.ofDays(1);
    private static final int MAX_PEERS = 2;

    private final InMemoryPeerTransport.Network network = new InMemoryPeerTransport.Network();
    private final TestSync.Settings settings = TestSync.Settings.defaults()
            .with(new HandshakeService.Settings(TTL, MAX_PEERS));
    private final TestSync there = new TestSync("there", network, settings);
    private final String group = there.share("lab");

    private HandshakeReply clientJoin(ForeignInstance joiner) {
        return there.handshakeService.accept(new HandshakeRequest("lab", joiner.instanceId, joiner.keyHex(), null, null),
                joiner.instanceId);
    }

    private ForeignInstance stranger() {
        return new ForeignInstance(there.app.signatures);
    }

    /** What an admission writes, to show that a refused one wrote none of it. */
    private record Snapshot(List<PeerRecord> peers, List<PeerLink> links, List<AuditRecord> audit) {
    }

    private Snapshot snapshot() {
        return new Snapshot(there.sync.peers(), there.sync.linksOfGroup(group),
                there.app.stores.audit().list(Optional.empty(), 1000));
    }

    private static void refused(Executable call, HivemeshException.Kind kind, String message) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(HivemeshException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void aClientJoinGetsTheGroupAndATokenAndIsPushedOnlyWhatComesAfterIt() {
        there.post("lab", 3);
        ForeignInstance joiner = stranger();
        long seq = there.app.stores.events().currentSeq(group);

        HandshakeReply reply = clientJoin(joiner);

        assertThat(reply.syncGroupId()).isEqualTo(group);
        assertThat(reply.instanceId()).isEqualTo(there.id());
        assertThat(reply.signingKey()).isEqualTo(there.app.identity.publicKeyHex());
        assertThat(reply.currentSeq()).isEqualTo(seq);
        assertThat(reply.hiveName()).isEqualTo("lab");
        assertThat(reply.ownerInstanceId()).isEqualTo(there.id());
        assertThat(reply.consent()).isEqualTo("open");
        PeerRecord peer = there.sync.peerByInstance(joiner.instanceId).orElseThrow();
        assertThat(peer.syncEndpoint()).isEqualTo("client:" + joiner.instanceId);
        assertThat(peer.outboundToken()).as("a client is never called back").isEmpty();
        assertThat(peer.source()).isEqualTo(PeerSource.HANDSHAKE);
        assertThat(peer.status()).isEqualTo(PeerStatus.ACTIVE);
        assertThat(there.sync.keyOf(joiner.instanceId)).contains(joiner.keyHex());
        assertThat(there.sync.findLink(peer.peerId(), group)).hasValueSatisfying(l -> {
            assertThat(l.cursor().sent()).as("the joiner pulls the history itself").isEqualTo(seq);
            assertThat(l.cursor().received()).isZero();
        });
        assertThat(there.app.stores.audit().list(Optional.of(group), 10)).extracting(AuditRecord::action)
                .contains("peer_admitted");
    }

    @Test
    void anOpenGroupAdmitsAtMostItsCapOfPeersAndARefusedJoinLeavesNoTrace() {
        ForeignInstance first = stranger();
        ForeignInstance second = stranger();
        ForeignInstance third = stranger();
        clientJoin(first);
        clientJoin(second);
        Snapshot full = snapshot();

        refused(() -> clientJoin(third), HivemeshException.Kind.FORBIDDEN, "max_peers_per_group");

        assertThat(snapshot()).isEqualTo(full);
        assertThat(there.sync.keyOf(third.instanceId)).isEmpty();
        assertThat(clientJoin(first).syncToken()).as("a peer already in the group may handshake again").isNotBlank();
        assertThat(there.sync.linksOfGroup(group)).hasSize(MAX_PEERS);
    }

    @Test
    void aTokenIsValidUntilItsTtlAndASignedHandshakeIssuesAnother() {
        ForeignInstance joiner = stranger();
        HandshakeReply first = clientJoin(joiner);

        assertThat(first.syncTokenExpiresAt()).isEqualTo(there.app.clock.now().plus(TTL));
        assertThat(there.tokens.authenticate(first.syncToken(), joiner.instanceId).instanceId()).contains(joiner.instanceId);
        refused(() -> there.tokens.authenticate(first.syncToken(), stranger().instanceId),
                HivemeshException.Kind.UNAUTHENTICATED, "was not issued to");
        refused(() -> there.tokens.authenticate("hst_guessed", joiner.instanceId), HivemeshException.Kind.UNAUTHENTICATED,
                "unknown sync token");

        there.app.clock.advance(TTL.minusMillis(1));
        assertThat(there.tokens.authenticate(first.syncToken(), joiner.instanceId).instanceId()).contains(joiner.instanceId);
        there.app.clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> there.tokens.authenticate(first.syncToken(), joiner.instanceId))
                .isInstanceOfSatisfying(HivemeshException.class, e -> assertThat(e.code()).isEqualTo("token_expired"));

        HandshakeReply renewed = clientJoin(joiner);

        assertThat(renewed.syncToken()).isNotEqualTo(first.syncToken());
        assertThat(renewed.syncTokenExpiresAt()).isEqualTo(there.app.clock.now().plus(TTL));
        assertThat(there.tokens.authenticate(renewed.syncToken(), joiner.instanceId).instanceId()).contains(joiner.instanceId);
        assertThatThrownBy(() -> there.tokens.authenticate(first.syncToken(), joiner.instanceId))
                .isInstanceOfSatisfying(HivemeshException.class, e -> assertThat(e.code()).isEqualTo("token_expired"));
        assertThat(there.sync.peers()).filteredOn(p -> p.instanceId().equals(Optional.of(joiner.instanceId))).hasSize(1);
    }

    @Test
    void anAnnouncedEndpointIsTakenOnlyIfItAnswersAsTheCaller() {
        TestSync here = new TestSync("here", network);
        ForeignInstance liar = stranger();
        Snapshot before = snapshot();

        refused(() -> there.handshakeService.accept(new HandshakeRequest("lab", liar.instanceId, liar.keyHex(),
                here.endpoint, "hst_liar"), liar.instanceId), HivemeshException.Kind.INVALID, "answers as " + here.id());
        refused(() -> there.handshakeService.accept(new HandshakeRequest("lab", liar.instanceId, liar.keyHex(),
                "http://nowhere.test", "hst_liar"), liar.instanceId), HivemeshException.Kind.INVALID, "could not be verified");
        refused(() -> there.handshakeService.accept(new HandshakeRequest("lab", liar.instanceId, liar.keyHex(),
                "http://nowhere.test", null), liar.instanceId), HivemeshException.Kind.INVALID, "sync_token is required");
        assertThat(snapshot()).isEqualTo(before);

        there.handshakeService.accept(new HandshakeRequest("lab", here.id(), here.app.identity.publicKeyHex(),
                here.endpoint, "hst_from_here"), here.id());

        PeerRecord admitted = there.sync.peerByInstance(here.id()).orElseThrow();
        assertThat(admitted.syncEndpoint()).isEqualTo(here.endpoint);
        assertThat(admitted.outboundToken()).contains("hst_from_here");
    }

    @Test
    void anEndpointPinnedToOneInstanceIsNeverHandedToAnother() {
        TestSync here = new TestSync("here", network);
        here.join(there, "lab");
        TestSync impostor = new TestSync("impostor", network);
        network.listen(here.endpoint, impostor.listener);
        Snapshot before = snapshot();

        assertThatThrownBy(() -> there.handshakeService.accept(new HandshakeRequest("lab", impostor.id(),
                impostor.app.identity.publicKeyHex(), here.endpoint, "hst_impostor"), impostor.id()))
                .isInstanceOfSatisfying(HivemeshException.class, e -> assertThat(e.code()).isEqualTo("endpoint_taken"));

        assertThat(snapshot()).isEqualTo(before);
        assertThat(there.sync.peerByEndpoint(here.endpoint).flatMap(PeerRecord::instanceId)).contains(here.id());
        assertThat(there.sync.peerByInstance(impostor.id())).isEmpty();
    }

    @Test
    void aHandshakeThatNamesAnotherInstanceThanItsSignerOrThisOneIsRefused() {
        ForeignInstance signer = stranger();
        ForeignInstance named = stranger();
        Snapshot before = snapshot();

        refused(() -> there.handshakeService.accept(new HandshakeRequest("lab", named.instanceId, named.keyHex(), null,
                null), signer.instanceId), HivemeshException.Kind.FORBIDDEN, "signed by " + signer.instanceId);
        refused(() -> there.handshakeService.accept(new HandshakeRequest("lab", there.id(),
                there.app.identity.publicKeyHex(), null, null), there.id()), HivemeshException.Kind.INVALID, "itself");
        refused(() -> there.handshakeService.accept(new HandshakeRequest("nope", signer.instanceId, signer.keyHex(), null,
                null), signer.instanceId), HivemeshException.Kind.NOT_FOUND, "nope");

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void repeatedAndCrossingHandshakesKeepOneEntryEachAndEveryIssuedTokenWorks() {
        TestSync here = new TestSync("here", network);
        here.join(there, "lab");
        String firstToken = here.peerOf(there).outboundToken().orElseThrow();

        there.join(here, "lab");
        here.join(there, "lab");

        String latestToken = here.peerOf(there).outboundToken().orElseThrow();
        assertThat(latestToken).isNotEqualTo(firstToken);
        assertThat(there.sync.peers()).singleElement().satisfies(p -> assertThat(p.instanceId()).contains(here.id()));
        assertThat(here.sync.peers()).singleElement().satisfies(p -> assertThat(p.instanceId()).contains(there.id()));
        assertThat(there.tokens.authenticate(firstToken, here.id()).peerId())
                .isEqualTo(there.tokens.authenticate(latestToken, here.id()).peerId());
        assertThat(there.sync.linksOfGroup(group)).hasSize(1);
    }
}
