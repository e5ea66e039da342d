package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.sync.port.in.GroupStatus;
import org.hivemesh.application.sync.port.in.PeerStatusView;
import org.hivemesh.application.sync.port.out.GovernanceView;
import org.hivemesh.application.sync.port.out.GroupCadence;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.HiveSyncState;
import org.hivemesh.domain.peer.PeerStatus;

/** Status of a group as this instance sees it: its log, its digest, and how far each peer is. */
public final class SyncStatuses {
    private final SyncStore sync;
    private final EventStore events;
    private final StateStore state;
    private final Clock clock;
    private final Duration peerTimeout;
    private final GovernanceView governance;
    private final GroupCadence cadence;
    private final GroupOversight oversight;

    /** {@code peerTimeout}: an active peer not heard from for this long shows as unreachable. */
    public record Settings(Duration peerTimeout) {
    }

    @Inject
    public SyncStatuses(SyncStore sync, EventStore events, StateStore state, Clock clock, Settings settings,
                        GovernanceView governance, GroupCadence cadence, GroupOversight oversight) {
        this.oversight = oversight;
        this.governance = governance;
        this.cadence = cadence;
        this.sync = sync;
        this.events = events;
        this.state = state;
        this.clock = clock;
        this.peerTimeout = settings.peerTimeout();
    }

    public GroupStatus of(SyncGroup group) {
        long localSeq = events.currentSeq(group.groupId());
        List<PeerStatusView> peers = new ArrayList<>();
        for (PeerLink link : sync.linksOfGroup(group.groupId())) {
            sync.peer(link.peerId()).ifPresent(peer -> {
                // This group's own trouble with the peer shows here; another group's never does.
                Optional<HiveSyncState> trouble = sync.hiveState(peer.peerId(), group.hiveName());
                String status = trouble.isPresent() ? "error" : effectiveStatus(peer).wire();
                Optional<String> error = trouble.map(HiveSyncState::detail).or(peer::lastError);
                peers.add(new PeerStatusView(peer.peerId(), peer.name(), peer.syncEndpoint(), status,
                        link.cursor().lag(localSeq), link.cursor().behind(), link.lastSync(), error, peer.source().wire(),
                        peer.discoveredVia()));
            });
        }
        List<String> roster = governance.activeRoster(group.groupId());
        int pending = governance.pendingPlans(group.groupId());
        // Last shared state: how far every linked peer has acknowledged this instance's log.
        long lastShared = sync.linksOfGroup(group.groupId()).stream().mapToLong(l -> l.cursor().sent()).min().orElse(localSeq);
        String mode = cadence.mode(group.groupId());
        return new GroupStatus(group, localSeq, events.count(group.groupId()), state.stateDigest(group.groupId()),
                sync.quarantinedCount(group.groupId()), sync.deferredCount(group.groupId()),
                state.refusedCount(group.groupId()), peers, sync.quarantined(group.groupId(), 10), roster, pending,
                mode, lastShared, Math.max(0, localSeq - lastShared), oversight.of(group.groupId()));
    }

    /** An active peer not heard from within the peer timeout counts as unreachable. */
    public PeerStatus effectiveStatus(PeerRecord peer) {
        Instant now = clock.now();
        if (peer.status() == PeerStatus.ACTIVE && peer.lastSeen().map(seen -> seen.plus(peerTimeout).isBefore(now)).orElse(false)) {
            return PeerStatus.UNREACHABLE;
        }
        return peer.status();
    }
}
