package org.hivemesh.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.port.out.SyncStore;
import org.hivemesh.application.port.out.SyncStore.PeerLink;
import org.hivemesh.application.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.port.out.SyncStore.QuarantinedEvent;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.junit.jupiter.api.Test;

/** The sync part of the storage contract; every backend extends StoreContract and so runs these too. */
public abstract class SyncStoreContract extends StoreContract {
    private SyncStore sync() {
        return stores().sync();
    }

    private PeerRecord peer(String endpoint) {
        return new PeerRecord(unique("peer_"), "b", endpoint, Optional.of(unique("inst_")), Optional.of("ab".repeat(32)),
                Optional.of("token"), PeerSource.MANUAL, PeerStatus.ACTIVE, 0, Optional.empty(), Optional.empty(),
                List.of("lab", "ops"), Instant.now().truncatedTo(ChronoUnit.MILLIS), 1, "gossip from inst_a");
    }

    @Test
    void groupsArePerHiveAndPeersAreFoundByIdInstanceEndpointAndToken() {
        String hive = unique("hive");
        SyncGroup group = new SyncGroup(unique("grp_"), hive, "inst_owner", Consent.OPEN, SyncGroup.DEFAULT_METHOD, "lin_1");
        sync().createGroup(group, Instant.now());
        PeerRecord peer = peer("http://" + unique("h") + ":7070/sync/v1");
        sync().savePeer(peer);
        sync().addInboundToken(peer.peerId(), unique("hash"), Instant.now());
        String tokenHash = unique("hash");
        sync().addInboundToken(peer.peerId(), tokenHash, Instant.now());

        assertThat(sync().groupByHive(hive)).contains(group);
        assertThat(sync().group(group.groupId())).contains(group);
        assertThat(sync().peer(peer.peerId())).contains(peer);
        assertThat(sync().peerByInstance(peer.instanceId().get())).contains(peer);
        assertThat(sync().peerByEndpoint(peer.syncEndpoint())).contains(peer);
        assertThat(sync().peerByInboundToken(tokenHash)).contains(peer);
        assertThat(sync().peerByInboundToken("nope")).isEmpty();
    }

    @Test
    void linksKeepTheirCursorsWhenLinkedAgainAndGoWithThePeer() {
        PeerRecord peer = peer("http://" + unique("h") + ":7070/sync/v1");
        sync().savePeer(peer);
        String group = unique("grp_");
        sync().link(peer.peerId(), group);
        sync().updateLink(new PeerLink(peer.peerId(), group, 7, 5, 9, Optional.of(Instant.now().truncatedTo(ChronoUnit.MILLIS))));
        sync().link(peer.peerId(), group);

        assertThat(sync().findLink(peer.peerId(), group)).hasValueSatisfying(l -> {
            assertThat(l.lastSeqSent()).isEqualTo(7);
            assertThat(l.lastSeqReceived()).isEqualTo(5);
            assertThat(l.remoteSeq()).isEqualTo(9);
        });
        assertThat(sync().linksOfGroup(group)).hasSize(1);

        sync().deletePeer(peer.peerId());
        assertThat(sync().linksOfGroup(group)).isEmpty();
        assertThat(sync().peer(peer.peerId())).isEmpty();
    }

    @Test
    void quarantineKeepsEachBadEventOnceWithItsReason() {
        String group = unique("grp_");
        QuarantinedEvent bad = new QuarantinedEvent(unique("qua_"), group, Optional.of("ev_x"), "peer_1",
                "signature does not verify", "{}", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        sync().quarantine(bad);
        sync().quarantine(bad);

        assertThat(sync().quarantinedCount(group)).isEqualTo(1);
        assertThat(sync().quarantined(group, 10)).containsExactly(bad);
    }

    @Test
    void theFirstKeyLearnedForAnInstanceStays() {
        String instance = unique("inst_");
        sync().rememberKey(instance, "aa");
        sync().rememberKey(instance, "bb");

        assertThat(sync().keyOf(instance)).contains("aa");
    }
}
