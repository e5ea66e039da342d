package org.hivemesh.application.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hivemesh.application.fakes.InMemoryPeerTransport;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.sync.port.in.SyncPeersUseCase;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.HandshakeReply;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.peer.PeerStatus;
import org.junit.jupiter.api.Test;

/** The joining side of the handshake: whom it trusts, and what a completed join leaves behind. */
class HandshakesTest {
    private final InMemoryPeerTransport.Network network = new InMemoryPeerTransport.Network();
    private final TestSync there = new TestSync("there", network);
    private final TestSync here = new TestSync("here", network);
    private final String group = there.share("lab");

    @Test
    void aJoinTakesTheGroupAsThePeerDescribesItAndPinsThePeersKey() {
        there.post("lab", 2);

        here.join(there, "lab");

        assertThat(here.app.stores.hives().byName("lab")).hasValueSatisfying(h -> {
            assertThat(h.groupId()).isEqualTo(group);
            assertThat(h.ownerInstanceId()).isEqualTo(there.id());
        });
        assertThat(here.sync.group(group)).hasValueSatisfying(g -> {
            assertThat(g.consent()).isEqualTo(Consent.OPEN);
            assertThat(g.lineage()).isEqualTo(there.sync.group(group).orElseThrow().lineage());
        });
        PeerRecord peer = here.peerOf(there);
        assertThat(peer.status()).isEqualTo(PeerStatus.ACTIVE);
        assertThat(peer.signingKey()).contains(there.app.identity.publicKeyHex());
        assertThat(peer.outboundToken()).isPresent();
        assertThat(here.sync.keyOf(there.id())).contains(there.app.identity.publicKeyHex());
        assertThat(here.linkWith(there, group).cursor().remote()).isEqualTo(there.app.stores.events().currentSeq(group));
        assertThat(there.tokens.authenticate(peer.outboundToken().get(), here.id()).instanceId()).contains(here.id());
    }

    @Test
    void theMergeMethodTravelsInTheHandshakeAndACopyWithAnotherMethodIsNotLinked() {
        there.sync.changeMethod(group, "owner-wins");

        here.join(there, "lab");

        assertThat(here.sync.group(group)).hasValueSatisfying(g -> assertThat(g.method()).isEqualTo("owner-wins"));
        here.sync.changeMethod(group, "event-union");
        long links = here.sync.linksOfGroup(group).size();
        assertThatThrownBy(() -> here.join(there, "lab")).isInstanceOfSatisfying(HivemeshException.class,
                e -> assertThat(e.code()).isEqualTo("method_mismatch"));
        assertThat(here.sync.group(group).orElseThrow().method()).isEqualTo("event-union");
        assertThat(here.sync.linksOfGroup(group)).hasSize((int) links);
    }

    @Test
    void aPeerWhoseEndpointNowAnswersAsAnotherInstanceIsNotFollowed() {
        here.join(there, "lab");
        PeerRecord pinned = here.peerOf(there);
        TestSync impostor = new TestSync("impostor", network);
        impostor.share("lab");
        network.listen(there.endpoint, impostor.listener);

        assertThatThrownBy(() -> here.handshakes.join(pinned, "lab")).isInstanceOfSatisfying(HivemeshException.class,
                e -> assertThat(e.code()).isEqualTo("peer_identity_changed"));

        assertThat(here.peerOf(there)).isEqualTo(pinned);
        assertThat(impostor.sync.peers()).isEmpty();
    }

    @Test
    void aReplyThatIsNotFromTheInstanceThatAnsweredIsRefusedAndNothingIsJoined() {
        TestSync other = new TestSync("other", network);
        here.transport.rewriteHandshakeReplies(r -> new HandshakeReply(r.syncGroupId(), other.id(),
                other.app.identity.publicKeyHex(), r.currentSeq(), r.syncToken(), r.syncTokenExpiresAt(),
                r.ownerInstanceId(), r.ownerAgentId(), r.hiveName(), r.lineage(), r.consent(), r.method(), r.oversight()));

        assertThatThrownBy(() -> here.join(there, "lab")).isInstanceOfSatisfying(HivemeshException.class,
                e -> assertThat(e.getMessage()).contains("not from " + there.id()));

        here.transport.rewriteHandshakeReplies(r -> new HandshakeReply(r.syncGroupId(), r.instanceId(),
                other.app.identity.publicKeyHex(), r.currentSeq(), r.syncToken(), r.syncTokenExpiresAt(),
                r.ownerInstanceId(), r.ownerAgentId(), r.hiveName(), r.lineage(), r.consent(), r.method(), r.oversight()));
        assertThatThrownBy(() -> here.join(there, "lab")).isInstanceOfSatisfying(HivemeshException.class,
                e -> assertThat(e.getMessage()).contains("not from " + there.id()));

        assertThat(here.app.stores.hives().byName("lab")).isEmpty();
        assertThat(here.sync.group(group)).isEmpty();
        assertThat(here.sync.peers()).singleElement().satisfies(p -> {
            assertThat(p.instanceId()).isEmpty();
            assertThat(p.outboundToken()).isEmpty();
            assertThat(here.sync.links(p.peerId())).isEmpty();
        });
        assertThat(here.sync.keyOf(there.id())).isEmpty();
    }

    @Test
    void thisInstancesOwnEndpointIsNotJoined() {
        here.share("own");

        assertThatThrownBy(() -> here.peers.join(new SyncPeersUseCase.JoinCommand(here.endpoint, "own")))
                .isInstanceOfSatisfying(HivemeshException.class, e -> assertThat(e.getMessage()).contains("is this instance"));
        assertThat(here.sync.peers()).allSatisfy(p -> assertThat(p.instanceId()).isEmpty());
    }

    @Test
    void aPeerThatCannotBeReachedOrRefusesIsReportedAsAConflict() {
        assertThatThrownBy(() -> here.peers.join(new SyncPeersUseCase.JoinCommand("http://nowhere.test", "lab")))
                .isInstanceOfSatisfying(HivemeshException.class, e -> assertThat(e.code()).isEqualTo("peer_unreachable"));
        assertThatThrownBy(() -> here.peers.join(new SyncPeersUseCase.JoinCommand(there.endpoint, "no-such-hive")))
                .isInstanceOfSatisfying(HivemeshException.class, e -> {
                    assertThat(e.code()).isEqualTo("peer_refused");
                    assertThat(e.getMessage()).contains("sync_group_not_found");
                });
        assertThat(here.app.stores.hives().all()).isEmpty();
        assertThat(here.sync.groups()).isEmpty();
        assertThat(here.sync.peers()).as("the admin's entries stay, unverified").hasSize(2)
                .allSatisfy(p -> assertThat(p.instanceId()).isEmpty());
    }
}
