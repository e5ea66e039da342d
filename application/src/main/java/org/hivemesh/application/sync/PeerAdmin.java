package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdGenerator;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.StoreConflict;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.port.in.GroupStatus;
import org.hivemesh.application.sync.port.in.SyncPeersUseCase;
import org.hivemesh.application.sync.port.out.PeerFinder;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncSignals;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.Heartbeat;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.peer.PeerCursor;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.hivemesh.domain.peer.SyncEndpoint;

/** Peers as the admin manages them: joining through one, standing peers, testing them. */
public final class PeerAdmin implements SyncPeersUseCase {
    private final SyncStore sync;
    private final Handshakes handshakes;
    private final SyncStatuses statuses;
    private final PeerTransport transport;
    private final PeerFinder finder;
    private final Transactions transactions;
    private final Audit audit;
    private final Clock clock;
    private final IdGenerator ids;
    private final SyncSignals signals;
    private final InstanceIdentity self;

    @Inject
    public PeerAdmin(SyncStore sync, Handshakes handshakes, SyncStatuses statuses, PeerTransport transport,
                     PeerFinder finder, Transactions transactions, Audit audit, Clock clock, IdGenerator ids,
                     SyncSignals signals, InstanceIdentity self) {
        this.sync = sync;
        this.handshakes = handshakes;
        this.statuses = statuses;
        this.transport = transport;
        this.finder = finder;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
        this.signals = signals;
        this.self = self;
    }

    private void audit(String action, JsonObject details) {
        audit.record(action, Optional.empty(), "admin", details);
    }

    @Override
    public Optional<GroupStatus> join(JoinCommand command) {
        if (command.hiveName() == null || command.hiveName().isBlank()) {
            throw HivemeshException.invalid("hive_name is required");
        }
        if (command.peerEndpoint() == null || command.peerEndpoint().isBlank()) {
            finder.lookFor(command.hiveName());
            return Optional.empty();
        }
        String endpoint = SyncEndpoint.of(command.peerEndpoint()).value();
        PeerRecord peer = peerAt(endpoint);
        try {
            return Optional.of(statuses.of(handshakes.join(peer, command.hiveName())));
        } catch (PeerTransport.PeerUnavailable e) {
            throw new HivemeshException(HivemeshException.Kind.CONFLICT, "peer_unreachable",
                    "could not reach " + endpoint + ": " + e.getMessage());
        } catch (PeerTransport.PeerRefused e) {
            throw new HivemeshException(HivemeshException.Kind.CONFLICT, "peer_refused",
                    "peer refused the handshake (" + e.code() + "): " + e.getMessage());
        }
    }

    /**
     * The peer at this endpoint, created if there is none. Gossip may add the same endpoint at the same moment; the
     * loser of that race reads the winner's entry instead of failing.
     */
    private PeerRecord peerAt(String endpoint) {
        try {
            return transactions.inTransaction(() -> sync.peerByEndpoint(endpoint).orElseGet(() ->
                    newPeer(SyncEndpoint.of(endpoint).authority(), endpoint, List.of(), "admin")));
        } catch (StoreConflict lostRace) {
            return sync.peerByEndpoint(endpoint).orElseThrow(() -> lostRace);
        }
    }

    private PeerRecord newPeer(String name, String endpoint, List<String> hives, String via) {
        PeerRecord peer = new PeerRecord(ids.id("peer_"), name, endpoint, Optional.empty(), Optional.empty(),
                Optional.empty(), PeerSource.MANUAL, PeerStatus.PENDING, 0, Optional.empty(), Optional.empty(), hives,
                clock.now(), 0, via);
        sync.savePeer(peer);
        return peer;
    }

    @Override
    public PeerRecord addPeer(AddPeerCommand command) {
        String endpoint = SyncEndpoint.of(command.syncEndpoint()).value();
        if (command.name() == null || command.name().isBlank()) {
            throw HivemeshException.invalid("name is required");
        }
        PeerRecord peer;
        try {
            peer = transactions.inTransaction(() -> {
                if (sync.peerByEndpoint(endpoint).isPresent()) {
                    throw HivemeshException.conflict("peer_exists", "a peer with endpoint " + endpoint + " exists");
                }
                PeerRecord created = newPeer(command.name(), endpoint, command.sharedHives(), command.discoveredVia());
                audit("peer_added", JsonObject.builder().put("peer_id", created.peerId()).put("endpoint", endpoint).build());
                return created;
            });
        } catch (StoreConflict lostRace) {
            if (sync.peerByEndpoint(endpoint).isPresent()) {
                throw HivemeshException.conflict("peer_exists", "a peer with endpoint " + endpoint + " exists");
            }
            throw lostRace;
        }
        signals.peerChanged(peer.peerId());
        return peer;
    }

    @Override
    public Optional<PeerRecord> peerByEndpoint(String syncEndpoint) {
        return sync.peerByEndpoint(SyncEndpoint.of(syncEndpoint).value());
    }

    @Override
    public Map<String, PeerCursor> cursors(String peerId) {
        Map<String, PeerCursor> cursors = new TreeMap<>();
        sync.links(peerId).forEach(link -> cursors.put(link.groupId(), link.cursor()));
        return cursors;
    }

    @Override
    public List<PeerRecord> peers() {
        return sync.peers().stream().map(p -> p.withContact(statuses.effectiveStatus(p), p.consecutiveFailures(),
                p.lastSeen(), p.lastError())).collect(Collectors.toList());
    }

    @Override
    public PeerRecord updatePeer(String peerId, UpdatePeerCommand command) {
        PeerRecord updated = transactions.inTransaction(() -> {
            PeerRecord peer = requirePeer(peerId);
            PeerRecord next = new PeerRecord(peer.peerId(), command.name().orElse(peer.name()),
                    command.syncEndpoint().map(e -> SyncEndpoint.of(e).value()).orElse(peer.syncEndpoint()), peer.instanceId(),
                    peer.signingKey(), peer.outboundToken(), peer.source(), peer.status(), peer.consecutiveFailures(),
                    peer.lastSeen(), peer.lastError(), command.sharedHives().orElse(peer.sharedHives()), peer.createdAt(),
                    peer.learnedTtl(), peer.discoveredVia());
            sync.savePeer(next);
            audit("peer_updated", JsonObject.builder().put("peer_id", peerId).build());
            return next;
        });
        signals.peerChanged(peerId);
        return updated;
    }

    private PeerRecord requirePeer(String peerId) {
        return sync.peer(peerId).orElseThrow(() -> HivemeshException.notFound("peer", peerId));
    }

    @Override
    public void deletePeer(String peerId) {
        transactions.inTransaction(() -> {
            requirePeer(peerId);
            sync.deletePeer(peerId);
            audit("peer_deleted", JsonObject.builder().put("peer_id", peerId).build());
            return null;
        });
        signals.peerChanged(peerId);
    }

    @Override
    public PeerTest testPeer(String peerId) {
        PeerRecord peer = requirePeer(peerId);
        Instant start = clock.now();
        try {
            String token = peer.outboundToken().orElseThrow(() -> HivemeshException.conflict("peer_pending",
                    "no handshake with this peer yet, so there is no token to test with"));
            Heartbeat reply = transport.heartbeat(peer.address(), token,
                    new Heartbeat(self.instanceId(), Map.of(), List.of()));
            return new PeerTest(true, millisSince(start), Optional.of(reply.instanceId()), Optional.empty());
        } catch (PeerTransport.PeerUnavailable | PeerTransport.PeerRefused e) {
            return new PeerTest(false, millisSince(start), Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    private long millisSince(Instant start) {
        return Duration.between(start, clock.now()).toMillis();
    }
}
