package org.hivemesh.application.sync;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.sync.port.in.GroupStatus;
import org.hivemesh.application.sync.port.in.PeerStatusView;
import org.hivemesh.application.sync.port.in.SyncAlertsUseCase;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.application.sync.port.out.AlertSink;
import org.hivemesh.application.sync.port.out.AlertSink.SyncAlert;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.peer.PeerStatus;

/**
 * The two alerts an operator asked for: a peer entering error, and a peer's lag in a group passing
 * {@code lagThreshold}. A lag alert fires when the lag crosses the threshold and again only after it fell below.
 */
public final class SyncAlerts implements SyncAlertsUseCase {
    private final SyncGroupsUseCase groups;
    private final AlertSink sink;
    private final Clock clock;
    private final InstanceIdentity self;
    private final long lagThreshold;
    /** peer|group pairs whose lag is over the threshold and already alerted. */
    private final Set<String> lagging = ConcurrentHashMap.newKeySet();

    public SyncAlerts(SyncGroupsUseCase groups, AlertSink sink, Clock clock, InstanceIdentity self, long lagThreshold) {
        this.groups = groups;
        this.sink = sink;
        this.clock = clock;
        this.self = self;
        this.lagThreshold = lagThreshold;
    }

    @Override
    public void peerStatusChanged(PeerRecord peer, PeerStatus to) {
        if (to == PeerStatus.ERROR) {
            sink.send(new SyncAlert("peer_error", self.instanceId(), peer.peerId(), peer.name(), Optional.empty(),
                    Optional.empty(), 0, 0, peer.lastError(), clock.now()));
        }
    }

    @Override
    public void checkLag() {
        Set<String> over = new HashSet<>();
        for (GroupStatus group : groups.groups()) {
            for (PeerStatusView peer : group.peers()) {
                if (peer.lag() <= lagThreshold) {
                    continue;
                }
                String key = peer.peerId() + "|" + group.group().groupId();
                over.add(key);
                if (lagging.add(key)) {
                    sink.send(new SyncAlert("sync_lag", self.instanceId(), peer.peerId(), peer.name(),
                            Optional.of(group.group().groupId()), Optional.of(group.group().hiveName()), peer.lag(),
                            lagThreshold, peer.lastError(), clock.now()));
                }
            }
        }
        lagging.retainAll(over);
    }
}
