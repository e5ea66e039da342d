package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.util.Optional;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.port.in.GroupStatus;
import org.hivemesh.application.sync.port.in.PeerGroupUseCase;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** A linked peer asks how a group stands here, or leaves it. */
public final class PeerGroups implements PeerGroupUseCase {
    private final SyncStore sync;
    private final SyncStatuses statuses;
    private final Transactions transactions;
    private final Audit audit;

    @Inject
    public PeerGroups(SyncStore sync, SyncStatuses statuses, Transactions transactions, Audit audit) {
        this.sync = sync;
        this.statuses = statuses;
        this.transactions = transactions;
        this.audit = audit;
    }

    @Override
    public GroupStatus status(PeerRecord peer, String groupId) {
        sync.requireLink(peer, groupId);
        return statuses.of(sync.requireGroup(groupId));
    }

    @Override
    public void leave(PeerRecord peer, String groupId) {
        sync.requireLink(peer, groupId);
        transactions.inTransaction(() -> {
            sync.unlink(peer.peerId(), groupId);
            audit.record("peer_left", Optional.of(groupId), peer.instanceId().orElse(peer.peerId()),
                    JsonObject.builder().put("peer_id", peer.peerId()).build());
            return null;
        });
    }
}
