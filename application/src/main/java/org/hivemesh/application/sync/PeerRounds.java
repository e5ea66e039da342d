package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase;
import org.hivemesh.application.sync.port.out.GroupCadence;
import org.hivemesh.application.sync.port.out.MergeGate;
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
 * then for each linked group that is due, push what the peer lacks and catch up on what it has. The step under way
 * is remembered per peer until the round ends, so a failure can name the group and phase it came from. Trouble in
 * one hive (a join waiting for approval, a group the peer refuses) is kept for that hive and the round goes on with
 * the others; only trouble with the peer itself (unreachable, our signature refused) fails the round.
 */
public final class PeerRounds implements PeerRoundUseCase {
    private final SyncStore sync;
    private final JoinAttempts joins;
    private final Push push;
    private final CatchUp catchUp;
    private final GroupCadence cadence;
    private final RosterDelivery roster;
    private final MergeGate gate;
    private final PeerResolver resolver;
    private final PeerGossip gossip;
    private final Clock clock;
    private final InstanceIdentity self;
    private final Map<String, Step> underWay = new ConcurrentHashMap<>();

    @Inject
    public PeerRounds(SyncStore sync, JoinAttempts joins, Push push, CatchUp catchUp, GroupCadence cadence,
                      RosterDelivery roster, MergeGate gate, PeerResolver resolver, PeerGossip gossip, Clock clock,
                      InstanceIdentity self) {
        this.gate = gate;
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
        underWay.remove(peerId);
        PeerRecord peer = sync.peer(peerId).orElseThrow(() -> HivemeshException.notFound("peer", peerId));
        Instant now = clock.now();
        for (String hive : peer.sharedHives()) {
            Optional<String> group = sync.groupByHive(hive).map(SyncGroup::groupId);
            boolean linked = group.flatMap(g -> sync.findLink(peerId, g)).isPresent();
            if (!linked && sync.hiveState(peerId, hive).map(s -> s.isDue(now)).orElse(true)) {
                underWay.put(peerId, Step.of(Phase.HANDSHAKE, hive, group));
                joins.attempt(peer, hive, false);
            }
        }
        peer = renewToken(sync.peer(peerId).orElse(null));
        if (peer == null || peer.outboundToken().isEmpty()) {
            underWay.remove(peerId);
            return Round.NONE;
        }
        try {
            Round round = exchange(peer);
            underWay.remove(peerId);
            return round;
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
            if (group.isPresent()) {
                underWay.put(peer.peerId(), Step.of(Phase.HANDSHAKE, group.get().hiveName(),
                        Optional.of(group.get().groupId())));
                if (joins.attempt(peer, group.get().hiveName(), false) instanceof JoinAttempts.Joined) {
                    return sync.peer(peer.peerId()).orElse(null);
                }
            }
        }
        return peer;
    }

    private PeerLink current(PeerRecord peer, PeerLink link) {
        return sync.findLink(peer.peerId(), link.groupId()).orElse(link);
    }

    private Round exchange(PeerRecord peer) {
        List<GroupRound> groups = new ArrayList<>();
        Instant now = clock.now();
        for (PeerLink link : sync.links(peer.peerId())) {
            Optional<String> hiveName = sync.group(link.groupId()).map(SyncGroup::hiveName);
            Optional<HiveSyncState> trouble = hiveName.flatMap(h -> sync.hiveState(peer.peerId(), h));
            if (trouble.map(t -> !t.isDue(now)).orElse(false)) {
                continue;
            }
            gate.settleDue(link.groupId());
            roster.beforeRound(peer, link.groupId());
            if (!cadence.due(link.groupId())) {
                continue;
            }
            String hive = hiveName.orElse(link.groupId());
            try {
                underWay.put(peer.peerId(), Step.of(Phase.PUSH, hive, Optional.of(link.groupId())));
                int pushed = push.to(peer, link);
                underWay.put(peer.peerId(), Step.of(Phase.PULL, hive, Optional.of(link.groupId())));
                EventIntake.Report report;
                try {
                    report = catchUp.from(peer, current(peer, link), self.instanceId());
                } catch (PeerTransport.PeerRefused refused) {
                    if (!refused.code().equals("contribute_first")) {
                        throw refused;
                    }
                    // What reached us between our push and our pull (say, the peer's own push) counts as unshared
                    // there until our cursor passes it: contribute once more, then catch up.
                    pushed += push.to(peer, current(peer, link));
                    report = catchUp.from(peer, current(peer, link), self.instanceId());
                }
                groups.add(new GroupRound(link.groupId(), hive, pushed, report.accepted(), report.quarantined(),
                        report.refused()));
                cadence.merged(link.groupId());
                trouble.ifPresent(t -> sync.clearHiveState(peer.peerId(), t.hiveName()));
            } catch (PeerTransport.PeerRefused refused) {
                if (refused.status() == 401 || hiveName.isEmpty()) {
                    throw refused;
                }
                joins.refusedLater(peer, hiveName.get(), refused);
            }
        }
        sync.recordContact(peer.peerId(), PeerStatus.ACTIVE, 0, Optional.of(clock.now()), Optional.empty());
        return new Round(groups);
    }

    @Override
    public Failure recordFailure(String peerId, String error) {
        Optional<Step> step = Optional.ofNullable(underWay.remove(peerId));
        Optional<PeerRecord> known = sync.peer(peerId);
        if (known.isEmpty()) {
            return new Failure(Optional.empty(), 0, Optional.empty(), step);
        }
        int failures = known.get().consecutiveFailures() + 1;
        PeerRecord failed = known.get().withContact(PeerStatus.afterFailures(failures), failures,
                known.get().lastSeen(), Optional.of(error));
        if (gossip.shouldForget(failed)) {
            sync.deletePeer(peerId);
            return new Failure(Optional.of(failed.name()), failures, Optional.empty(), step);
        }
        sync.recordContact(peerId, failed.status(), failures, failed.lastSeen(), failed.lastError());
        return new Failure(Optional.of(failed.name()), failures, Optional.of(failed.status()), step);
    }
}
