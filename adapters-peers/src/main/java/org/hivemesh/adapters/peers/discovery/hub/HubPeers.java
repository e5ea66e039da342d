package org.hivemesh.adapters.peers.discovery.hub;

import java.util.Set;
import org.hivemesh.adapters.peers.discovery.StoredPeers;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.peer.PeerSource;

/** Peers the hub reported, cached locally so they keep syncing while the hub is down. */
public final class HubPeers extends StoredPeers {
    public HubPeers(SyncStore sync) {
        super(sync, Set.of(PeerSource.HUB));
    }
}
