package org.hivemesh.adapters.peers.discovery.gossip;

import java.util.Set;
import org.hivemesh.adapters.peers.discovery.StoredPeers;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.peer.PeerSource;

/** Peers learned from other peers' heartbeats. */
public final class GossipPeers extends StoredPeers {
    public GossipPeers(SyncStore sync) {
        super(sync, Set.of(PeerSource.GOSSIP));
    }
}
