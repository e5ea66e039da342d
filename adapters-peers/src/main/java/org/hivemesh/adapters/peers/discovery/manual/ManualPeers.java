package org.hivemesh.adapters.peers.discovery.manual;

import java.util.Set;
import org.hivemesh.adapters.peers.discovery.StoredPeers;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.peer.PeerSource;

/** Peers an admin added (API, configuration, join) and peers admitted by handshake. */
public final class ManualPeers extends StoredPeers {
    public ManualPeers(SyncStore sync) {
        super(sync, Set.of(PeerSource.MANUAL, PeerSource.HANDSHAKE));
    }
}
