package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase;
import org.hivemesh.application.sync.port.out.GroupCadence;
import org.hivemesh.application.sync.port.out.PeerGossip;
import org.hivemesh.application.sync.port.out.PeerResolver;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.RosterDelivery;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.HiveSyncState;
import org.hivemesh.domain.peer.PeerStatus;
import org.hivemesh.domain.peer.SyncEndpoint;

/**
 * One sync round with a peer, as the sync workers run it: handshakes for hives not linked yet (or for a new token),
 * then for each linked group that is due, push what the peer lacks and catch up on what it has. Trouble in one hive
 * (a join waiting for approval, a group the peer refuses) is kept for that hive and the round goes on with the
 * others; only trouble with the peer itself (unreachable, our signature refused) fails the round.
 */
public final class PeerRounds implements PeerRoundUseCase {
    private final SyncStore sync;
    private final JoinAttempts joins;
    private final Push push;
    private final CatchUp catchUp;
    private final GroupCadence cadence;
    private final RosterDelivery roster;
    private final PeerResolver resolver;
    private final PeerGossip gossip;
    private final Clock clock;
    private final InstanceIdentity self;

    @Inject
    public PeerRounds(SyncStore sync, JoinAttempts joins, Push push, CatchUp catchUp, GroupCadence cadence,
                      RosterDelivery roster, PeerResolver resolver, PeerGossip gossip, Clock clock,
                      InstanceIdentity self) {
        this.sync = sync;
        this.joins = joins;
        this.push = push;
        this.catchUp = catchUp;
        this.cadence = cadence;
        this.roster = roster;
        this.resolver = resolver;
        this.gossip = gossip;
        this.clock = clock;
        this.self = self;
    }

    @Override
    public List<String> peerIds() {
        // A client (a CLI with a local store) comes to us; there is nothing to call it back at.
        return resolver.allPeers().stream().filter(p -> !SyncEndpoint.isClient(p.syncEndpoint()))
                .map(PeerRecord::peerId).toList();
    }

    @Override
    public Round syncWith(String peerId) {
        PeerRecord peer = sync.peer(peerId).orElseThrow(() -> HivemeshException.notFound("peer", peerId));
        Instant now = clock.now();
        for (String hive : peer.sharedHives()) {
            boolean linked = sync.groupByHive(hive).flatMap(g -> sync.findLink(peerId, g.groupId())).isPresent();
            if (!linked && sync.hiveState(peerId, hive).map(s -> s.isDue(now)).orElse(true)) {
                joins.attempt(peer, hive, false);
            }
        }
        peer = renewToken(sync.peer(peerId).orElse(null));
        if (peer == null || peer.outboundToken().isEmpty()) {
            return new Round(0, 0, 0);
        }
        try {
            return exchange(peer);
        } catch (PeerTransport.PeerRefused refused) {
            if (refused.status() == 401) {
                // Our token expired or was forgotten there: the next round gets a new one by a signed handshake.
                sync.peer(peerId).ifPresent(p -> sync.savePeer(p.withoutOutboundToken()));
            }
            throw refused;
        }
    }

    /** A linked peer we hold no token for (it expired or was refused) gets a fresh signed handshake. */
    private PeerRecord renewToken(PeerRecord peer) {
        if (peer == null || peer.outboundToken().isPresent() || SyncEndpoint.isClient(peer.syncEndpoint())) {
            return peer;
        }
        for (PeerLink link : sync.links(peer.peerId())) {
            Optional<SyncGroup> group = sync.group(link.groupId());
            if (group.isPresent() && joins.attempt(peer, group.get().hiveName(), false) instanceof JoinAttempts.Joined) {
                return sync.peer(peer.peerId()).orElse(null);
            }
        }
        return peer;
    }

    private Round exchange(PeerRecord peer) {
        int pushed = 0;
        int pulled = 0;
        int quarantined = 0;
        Instant now = clock.now();
        for (PeerLink link : sync.links(peer.peerId())) {
            Optional<String> hive = sync.group(link.groupId()).map(SyncGroup::hiveName);
            Optional<HiveSyncState> trouble = hive.flatMap(h -> sync.hiveState(peer.peerId(), h));
            if (trouble.map(t -> !t.isDue(now)).orElse(false)) {
                continue;
            }
            roster.beforeRound(peer, link.groupId());
            if (!cadence.due(link.groupId())) {
                continue;
            }
            try {
                pushed += push.to(peer, link);
                PeerLink current = sync.findLink(peer.peerId(), link.groupId()).orElse(link);
                EventIntake.Report report = catchUp.from(peer, current, self.instanceId());
                pulled += report.accepted();
                quarantined += report.quarantined();
                cadence.merged(link.groupId());
                trouble.ifPresent(t -> sync.clearHiveState(peer.peerId(), t.hiveName()));
            } catch (PeerTransport.PeerRefused refused) {
                if (refused.status() == 401 || hive.isEmpty()) {
                    throw refused;
                }
                joins.refusedLater(peer, hive.get(), refused);
            }
        }
        PeerRecord latest = sync.peer(peer.peerId()).orElse(peer);
        sync.savePeer(latest.withContact(PeerStatus.ACTIVE, 0, Optional.of(clock.now()), Optional.empty()));
        return new Round(pushed, pulled, quarantined);
    }

    @Override
    public void recordFailure(String peerId, String error) {
        sync.peer(peerId).ifPresent(peer -> {
            int failures = peer.consecutiveFailures() + 1;
            PeerRecord failed = peer.withContact(PeerStatus.afterFailures(failures), failures, peer.lastSeen(),
                    Optional.of(error));
            if (gossip.shouldForget(failed)) {
                sync.deletePeer(peerId);
            } else {
                sync.savePeer(failed);
            }
        });
    }
}
