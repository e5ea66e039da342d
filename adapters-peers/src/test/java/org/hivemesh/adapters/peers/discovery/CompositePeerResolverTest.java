package org.hivemesh.adapters.peers.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hivemesh.adapters.peers.discovery.gossip.GossipPeers;
import org.hivemesh.adapters.peers.discovery.hub.HubPeers;
import org.hivemesh.adapters.peers.discovery.manual.ManualPeers;
import org.hivemesh.application.fakes.InMemorySyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.junit.jupiter.api.Test;

class CompositePeerResolverTest {
    private final InMemorySyncStore store = new InMemorySyncStore();

    private PeerRecord peer(String id, String endpoint, String instance, PeerSource source, PeerStatus status) {
        PeerRecord peer = new PeerRecord(id, id, endpoint, Optional.ofNullable(instance), Optional.empty(), Optional.empty(),
                source, status, 0, Optional.empty(), Optional.empty(), List.of("eng"), Instant.EPOCH, 0, source.wire());
        store.savePeer(peer);
        return peer;
    }

    private CompositePeerResolver composite() {
        return new CompositePeerResolver(List.of(new ManualPeers(store), new HubPeers(store), new GossipPeers(store)));
    }

    @Test
    void aPeerKnownToSeveralSourcesIsTakenFromTheHighestInPrecedence() {
        peer("gossip-x", "http://x/sync/v1", "inst_x", PeerSource.GOSSIP, PeerStatus.ACTIVE);
        peer("hub-x", "http://x2/sync/v1", "inst_x", PeerSource.HUB, PeerStatus.ACTIVE);
        peer("manual-y", "http://y/sync/v1", "inst_y", PeerSource.MANUAL, PeerStatus.ACTIVE);
        peer("gossip-y", "http://y/sync/v1-other", "inst_y", PeerSource.GOSSIP, PeerStatus.ACTIVE);
        peer("gossip-z", "http://z/sync/v1", null, PeerSource.GOSSIP, PeerStatus.PENDING);

        List<PeerRecord> peers = composite().allPeers();

        assertThat(peers).extracting(PeerRecord::peerId).containsExactly("manual-y", "hub-x", "gossip-z");
    }

    @Test
    void onlyTheConfiguredBackendsCount() {
        peer("hub-x", "http://x/sync/v1", "inst_x", PeerSource.HUB, PeerStatus.ACTIVE);
        peer("manual-y", "http://y/sync/v1", "inst_y", PeerSource.MANUAL, PeerStatus.ACTIVE);

        assertThat(new CompositePeerResolver(List.of(new ManualPeers(store), new GossipPeers(store))).allPeers())
                .extracting(PeerRecord::peerId).containsExactly("manual-y");
    }

    @Test
    void statusChangesAreReportedWhenTheyAreSeen() {
        PeerRecord x = peer("manual-x", "http://x/sync/v1", "inst_x", PeerSource.MANUAL, PeerStatus.ACTIVE);
        CompositePeerResolver resolver = composite();
        List<String> changes = new ArrayList<>();
        resolver.onStatusChange((peer, from, to) -> changes.add(peer.peerId() + " " + from.wire() + "->" + to.wire()));
        resolver.allPeers();

        store.savePeer(x.withContact(PeerStatus.UNREACHABLE, 1, Optional.empty(), Optional.of("down")));
        resolver.allPeers();
        resolver.allPeers();

        assertThat(changes).containsExactly("manual-x active->unreachable");
        assertThat(resolver.isOnline("manual-x")).isFalse();
    }
}
