package org.hivemesh.application.sync;

import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.group.SyncGroup;

/** The checks every group call makes: the group exists here and the caller is linked to it. */
final class Membership {
    private Membership() {
    }

    static SyncGroup requireGroup(SyncStore sync, String groupId) {
        return sync.group(groupId).orElseThrow(() -> HivemeshException.notFound("sync_group", groupId));
    }

    static PeerLink requireLink(SyncStore sync, PeerRecord peer, String groupId) {
        requireGroup(sync, groupId);
        return sync.findLink(peer.peerId(), groupId).orElseThrow(() ->
                HivemeshException.forbidden("peer " + peer.instanceId().orElse(peer.peerId()) + " is not in group " + groupId));
    }
}
