package org.hivemesh.application.sync.port.out;

import java.util.List;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.peer.PeerStatus;

/** Which peers to sync with, whatever discovered them (seed 3.2). */
public interface PeerResolver {
    List<PeerRecord> allPeers();

    List<PeerRecord> peersForGroup(String groupId);

    boolean isOnline(String peerId);

    /** Called when a peer's status is seen to change, e.g. to catch it up when it comes back. */
    void onStatusChange(StatusListener listener);

    interface StatusListener {
        void changed(PeerRecord peer, PeerStatus from, PeerStatus to);
    }
}
