package org.hivemesh.application.sync.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.out.SyncStore.QuarantinedEvent;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.group.SyncGroup;

/** Sync administration (admin token): groups, peers and status. */
public interface SyncAdminUseCases {
    GroupStatus createGroup(CreateGroupCommand command);

    List<GroupStatus> groups();

    GroupStatus group(String groupId);

    void deleteGroup(String groupId);

    /** The merge method is locked while the group has peers; to change it, liberate. */
    GroupStatus changeMethod(String groupId, String method);

    /**
     * Forks the group: a new group and lineage owned by this instance, with all content re-issued into it. The old
     * lineage is severed — its peers can no longer push into this hive. Needs nobody's approval.
     */
    GroupStatus liberate(String groupId);

    /**
     * Handshakes with the peer at {@code peerEndpoint} for {@code hiveName}, creating the hive here if needed. Without
     * an endpoint the hive is requested through the hub and joined as peers are found; the result is then null.
     */
    GroupStatus join(JoinCommand command);

    /** Sets both cursors with this peer back to 0: everything is offered and pulled again (duplicates are ignored). */
    void resync(String groupId, String peerId);

    List<StoredEvent> localEvents(String groupId, long since, int limit);

    PeerRecord addPeer(AddPeerCommand command);

    List<PeerRecord> peers();

    PeerRecord updatePeer(String peerId, UpdatePeerCommand command);

    void deletePeer(String peerId);

    PeerTest testPeer(String peerId);

    InstanceStatus status();

    record CreateGroupCommand(String hiveName, Consent consent, Optional<String> method) {
    }

    record JoinCommand(String peerEndpoint, String hiveName) {
    }

    /** {@code discoveredVia}: who asked for this peer, e.g. {@code admin} or {@code config}. */
    record AddPeerCommand(String name, String syncEndpoint, List<String> sharedHives, String discoveredVia) {
    }

    record UpdatePeerCommand(Optional<String> name, Optional<String> syncEndpoint, Optional<List<String>> sharedHives) {
    }

    record PeerTest(boolean reachable, long millis, Optional<String> remoteInstanceId, Optional<String> error) {
    }

    record PeerStatusView(String peerId, String name, String syncEndpoint, String status, long lag, long behind,
                          Optional<Instant> lastSync, Optional<String> lastError, String source, String discoveredVia) {
    }

    /**
     * {@code quarantined}: events refused at intake (never stored); {@code deferred}: events held until their clock
     * is due; {@code refused}: events stored without effect under the authority rules.
     */
    record GroupStatus(SyncGroup group, long localSeq, long eventCount, String stateDigest, long quarantined,
                       int deferred, int refused, List<PeerStatusView> peers, List<QuarantinedEvent> recentQuarantine,
                       List<String> roster, int pendingPlans, String cadence, long lastSharedSeq, long unsharedEvents) {
    }

    record InstanceStatus(String instanceId, List<GroupStatus> groups) {
    }
}
