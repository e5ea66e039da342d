package org.hivemesh.application.sync.port.in;

import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;

/** What a peer may ask about a group it is in, and leaving it. */
public interface PeerGroupUseCase {
    GroupStatus status(PeerRecord peer, String groupId);

    /** Only the caller's own link goes. */
    void leave(PeerRecord peer, String groupId);
}
