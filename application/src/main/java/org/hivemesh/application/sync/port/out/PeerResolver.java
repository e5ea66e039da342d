package org.hivemesh.application.sync.port.out;

import java.util.List;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;

/** Which peers to sync with, whatever discovered them (seed 3.2). */
public interface PeerResolver {
    List<PeerRecord> allPeers();

    List<PeerRecord> peersForGroup(String groupId);

    boolean isOnline(String peerId);
}
