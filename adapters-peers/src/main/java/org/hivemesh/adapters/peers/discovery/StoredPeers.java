package org.hivemesh.adapters.peers.discovery;

import java.util.List;
import java.util.Set;
import org.hivemesh.application.sync.port.out.PeerResolver;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;

/** The peers of some sources in the local peer table; each discovery backend writes its own source there. */
public class StoredPeers implements PeerResolver {
    private final SyncStore sync;
    private final Set<PeerSource> sources;

    protected StoredPeers(SyncStore sync, Set<PeerSource> sources) {
        this.sync = sync;
        this.sources = sources;
    }

    @Override
    public List<PeerRecord> allPeers() {
        return sync.peers().stream().filter(p -> sources.contains(p.source())).toList();
    }

    @Override
    public List<PeerRecord> peersForGroup(String groupId) {
        return allPeers().stream().filter(p -> sync.findLink(p.peerId(), groupId).isPresent()).toList();
    }

    @Override
    public boolean isOnline(String peerId) {
        return sync.peer(peerId).filter(p -> sources.contains(p.source())).map(p -> p.status() == PeerStatus.ACTIVE)
                .orElse(false);
    }
}
