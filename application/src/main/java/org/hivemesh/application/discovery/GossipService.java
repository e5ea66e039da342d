package org.hivemesh.application.discovery;

import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdGenerator;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.StoreConflict;
import org.hivemesh.application.sync.port.out.OwnEndpoint;
import org.hivemesh.application.sync.port.out.PeerGossip;
import org.hivemesh.application.sync.port.out.SyncSignals;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.GossipRules;
import org.hivemesh.domain.peer.InstanceIds;
import org.hivemesh.domain.peer.KnownPeer;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.hivemesh.domain.peer.SyncEndpoint;

/** Peer gossip on heartbeats (seed 3.14): what to tell a peer, and what to take in from it. */
public final class GossipService implements PeerGossip {
    private static final System.Logger LOG = System.getLogger(GossipService.class.getName());

    public record Settings(boolean enabled, GossipRules.Settings rules, int maxFailures) {
    }

    private final SyncStore sync;
    private final Clock clock;
    private final IdGenerator ids;
    private final InstanceIdentity self;
    private final OwnEndpoint ownEndpoint;
    private final SyncSignals signals;
    private final Settings settings;

    @Inject
    public GossipService(SyncStore sync, Clock clock, IdGenerator ids, InstanceIdentity self, OwnEndpoint ownEndpoint,
                         SyncSignals signals, Settings settings) {
        this.sync = sync;
        this.clock = clock;
        this.ids = ids;
        this.self = self;
        this.ownEndpoint = ownEndpoint;
        this.signals = signals;
        this.settings = settings;
    }

    private static GossipRules.Entry entry(PeerRecord p) {
        // Peers that contacted us by handshake are passed on to our direct peers only.
        PeerSource source = p.source() == PeerSource.HANDSHAKE ? PeerSource.GOSSIP : p.source();
        int learned = p.source() == PeerSource.HANDSHAKE ? 1 : p.learnedTtl();
        return new GossipRules.Entry(p.syncEndpoint(), p.name(), p.instanceId(), p.signingKey(), p.sharedHives(), source,
                learned);
    }

    private Set<String> hivesLinkedWith(PeerRecord peer) {
        Set<String> hives = new HashSet<>();
        sync.links(peer.peerId()).forEach(l -> sync.group(l.groupId()).map(SyncGroup::hiveName).ifPresent(hives::add));
        return hives;
    }

    @Override
    public List<KnownPeer> forPeer(PeerRecord recipient) {
        if (!settings.enabled()) {
            return List.of();
        }
        List<GossipRules.Entry> mine = sync.peers().stream()
                .filter(p -> !SyncEndpoint.isClient(p.syncEndpoint()))
                .filter(p -> p.status() != PeerStatus.ERROR)
                .map(GossipService::entry).collect(Collectors.toList());
        return GossipRules.toShare(entry(recipient), hivesLinkedWith(recipient), mine, settings.rules());
    }

    /**
     * Takes in what a peer gossiped. Heartbeats in both directions learn at once, so learning is serialized here; a
     * race lost to another process sharing the store skips that entry — gossip is only a hint, never worth a failed
     * heartbeat.
     */
    @Override
    public synchronized void learn(PeerRecord from, List<KnownPeer> gossip) {
        if (!settings.enabled() || gossip.isEmpty()) {
            return;
        }
        Set<String> localHives = sync.groups().stream().map(SyncGroup::hiveName).collect(Collectors.toSet());
        for (KnownPeer known : gossip) {
            try {
                learnOne(from, known, localHives);
            } catch (StoreConflict lostRace) {
                LOG.log(System.Logger.Level.DEBUG, "gossip about {0} skipped: {1}", known.syncEndpoint(), lostRace.getMessage());
            }
        }
    }

    private void learnOne(PeerRecord from, KnownPeer known, Set<String> localHives) {
        String endpoint;
        try {
            endpoint = SyncEndpoint.of(known.syncEndpoint()).value();
        } catch (IllegalArgumentException badEndpoint) {
            return;
        }
        boolean isSelf = ownEndpoint.syncEndpoint().map(endpoint::equals).orElse(false) || hintedInstance(known).map(self.instanceId()::equals).orElse(false);
        Optional<PeerRecord> existing = sync.peerByEndpoint(endpoint)
                .or(() -> hintedInstance(known).flatMap(sync::peerByInstance));
        int gossipPeers = (int) sync.peers().stream().filter(p -> p.source() == PeerSource.GOSSIP)
                .filter(p -> p.sharedHives().stream().anyMatch(known.sharedHives()::contains)).count();
        GossipRules.Learned decision = GossipRules.learn(known, existing.map(GossipService::entryAsStored), isSelf,
                localHives, gossipPeers, settings.rules());
        String via = "gossip from " + from.instanceId().orElse(from.peerId());
        if (decision instanceof GossipRules.Add add) {
            PeerRecord peer = new PeerRecord(ids.id("peer_"), known.name(), endpoint, Optional.empty(),
                    Optional.empty(), Optional.empty(), PeerSource.GOSSIP, PeerStatus.PENDING, 0, Optional.empty(),
                    Optional.empty(), add.hives(), clock.now(), add.ttl(), via);
            sync.savePeer(peer);
            signals.peerChanged(peer.peerId());
        } else if (decision instanceof GossipRules.Extend extend) {
            PeerRecord p = existing.orElseThrow();
            sync.savePeer(new PeerRecord(p.peerId(), p.name(), p.syncEndpoint(), p.instanceId(), p.signingKey(),
                    p.outboundToken(), p.source(), p.status(), p.consecutiveFailures(), p.lastSeen(), p.lastError(),
                    extend.hives(), p.createdAt(), extend.ttl(), p.discoveredVia()));
            signals.peerChanged(p.peerId());
        }
    }

    /** As stored, for precedence: a handshake entry counts as a direct (manual-rank) one here. */
    private static GossipRules.Entry entryAsStored(PeerRecord p) {
        return new GossipRules.Entry(p.syncEndpoint(), p.name(), p.instanceId(), p.signingKey(), p.sharedHives(),
                p.source(), p.learnedTtl());
    }

    private static Optional<String> hintedInstance(KnownPeer known) {
        try {
            return Optional.of(InstanceIds.fromPublicKey(HexFormat.of().parseHex(known.signingKey())));
        } catch (IllegalArgumentException notAKey) {
            return Optional.empty();
        }
    }

    /** A gossip-learned peer that keeps failing is forgotten; manual and hub entries stay. */
    @Override
    public boolean shouldForget(PeerRecord peer) {
        return peer.source() == PeerSource.GOSSIP && peer.consecutiveFailures() >= settings.maxFailures();
    }
}
