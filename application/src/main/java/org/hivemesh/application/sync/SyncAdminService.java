package org.hivemesh.application.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hivemesh.application.consent.ConsentService;
import org.hivemesh.application.content.EventWriter;
import org.hivemesh.application.content.HiveAccess;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.discovery.port.in.PeerDiscoveryUseCases;
import org.hivemesh.application.shared.Secrets;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.AuditLog;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.port.in.SyncAdminUseCases;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncSignals;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.consent.MethodLock;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.event.UnsignedEvent;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.hivemesh.domain.peer.SyncEndpoint;

public final class SyncAdminService implements SyncAdminUseCases {
    private final SyncStore sync;
    private final HiveAccess access;
    private final EventStore events;
    private final Handshakes handshakes;
    private final SyncStatuses statuses;
    private final PeerTransport transport;
    private final Transactions transactions;
    private final AuditLog audit;
    private final Clock clock;
    private final InstanceIdentity self;
    private final SyncSignals signals;
    private final PeerDiscoveryUseCases discovery;
    private final HiveStore hives;
    private final EventWriter writer;
    private final ConsentService consent;

    public SyncAdminService(SyncStore sync, HiveAccess access, EventStore events, Handshakes handshakes,
                            SyncStatuses statuses, PeerTransport transport, Transactions transactions, AuditLog audit,
                            Clock clock, InstanceIdentity self, SyncSignals signals, PeerDiscoveryUseCases discovery,
                            HiveStore hives, EventWriter writer, ConsentService consent) {
        this.consent = consent;
        this.discovery = discovery;
        this.hives = hives;
        this.writer = writer;
        this.sync = sync;
        this.access = access;
        this.events = events;
        this.handshakes = handshakes;
        this.statuses = statuses;
        this.transport = transport;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.self = self;
        this.signals = signals;
    }

    private void audit(String action, Optional<String> group, JsonObject details) {
        audit.record(new AuditLog.AuditRecord(Secrets.id("aud_"), clock.now(), action, group, "admin", details));
    }

    @Override
    public GroupStatus createGroup(CreateGroupCommand command) {
        SyncGroup group = transactions.inTransaction(() -> {
            HiveRecord hive = access.hive(command.hiveName());
            if (sync.group(hive.groupId()).isPresent()) {
                throw HivemeshException.conflict("group_exists", "hive '" + hive.name() + "' already has sync group " + hive.groupId());
            }
            SyncGroup created = new SyncGroup(hive.groupId(), hive.name(), hive.ownerInstanceId(), command.consent(),
                    command.method().orElse(SyncGroup.DEFAULT_METHOD), hive.groupId());
            sync.createGroup(created, clock.now());
            if (created.consent() == Consent.ROSTER) {
                consent.openRoster(created);
            }
            audit("group_created", Optional.of(created.groupId()), JsonObject.builder().put("hive", hive.name())
                    .put("consent", created.consent().wire()).build());
            return created;
        });
        return statuses.of(group);
    }

    @Override
    public List<GroupStatus> groups() {
        return sync.groups().stream().map(statuses::of).collect(Collectors.toList());
    }

    @Override
    public GroupStatus group(String groupId) {
        return statuses.of(requireGroup(groupId));
    }

    private SyncGroup requireGroup(String groupId) {
        return sync.group(groupId).orElseThrow(() -> HivemeshException.notFound("sync_group", groupId));
    }

    /** The hive and its events stay; the group stops syncing and every peer link to it is dropped. */
    @Override
    public void deleteGroup(String groupId) {
        transactions.inTransaction(() -> {
            requireGroup(groupId);
            sync.linksOfGroup(groupId).forEach(l -> sync.unlink(l.peerId(), groupId));
            sync.deleteGroup(groupId);
            audit("group_deleted", Optional.of(groupId), JsonObject.builder().build());
            return null;
        });
    }

    @Override
    public GroupStatus changeMethod(String groupId, String method) {
        org.hivemesh.domain.event.Ids.require("method", method);
        transactions.inTransaction(() -> {
            SyncGroup group = requireGroup(groupId);
            MethodLock.refusal(!sync.linksOfGroup(groupId).isEmpty(), group.method(), method).ifPresent(reason -> {
                throw HivemeshException.conflict("method_locked", reason);
            });
            sync.changeMethod(groupId, method);
            audit("method_changed", Optional.of(groupId), JsonObject.builder().put("method", method).build());
            return null;
        });
        return statuses.of(requireGroup(groupId));
    }

    @Override
    public GroupStatus liberate(String groupId) {
        SyncGroup old = requireGroup(groupId);
        HiveRecord hive = access.hiveOfGroup(groupId);
        List<Event> log = new ArrayList<>();
        long cursor = 0;
        for (List<StoredEvent> page = events.read(groupId, 0, 1000); !page.isEmpty();
             page = events.read(groupId, cursor, 1000)) {
            page.forEach(s -> log.add(s.event()));
            cursor = page.get(page.size() - 1).seq();
        }
        String newGroupId = Secrets.id("grp_");
        List<UnsignedEvent> forked = new Liberation(newGroupId, self.instanceId()).fork(log);
        SyncGroup liberated = transactions.inTransaction(() -> {
            sync.linksOfGroup(groupId).forEach(l -> sync.unlink(l.peerId(), groupId));
            sync.deleteGroup(groupId);
            hives.moveToGroup(hive.name(), newGroupId, self.instanceId());
            SyncGroup created = new SyncGroup(newGroupId, hive.name(), self.instanceId(), old.consent(), old.method(),
                    newGroupId);
            sync.createGroup(created, clock.now());
            if (created.consent() == Consent.ROSTER) {
                consent.openRoster(created);
            }
            writer.signAndStore(hives.byName(hive.name()).orElseThrow(), forked);
            audit("liberated", Optional.of(newGroupId), JsonObject.builder().put("from_group", groupId)
                    .put("from_lineage", old.lineage()).put("events", forked.size()).build());
            return created;
        });
        return statuses.of(liberated);
    }

    @Override
    public GroupStatus join(JoinCommand command) {
        if (command.hiveName() == null || command.hiveName().isBlank()) {
            throw HivemeshException.invalid("hive_name is required");
        }
        if (command.peerEndpoint() == null || command.peerEndpoint().isBlank()) {
            discovery.joinViaHub(command.hiveName());
            return null;
        }
        String endpoint = SyncEndpoint.of(command.peerEndpoint()).value();
        PeerRecord peer = peerAt(endpoint);
        try {
            return statuses.of(handshakes.join(peer, command.hiveName()));
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
                    newPeer(SyncEndpoint.of(endpoint).authority(), endpoint, List.of(), PeerSource.MANUAL, "admin")));
        } catch (RuntimeException lostRace) {
            return sync.peerByEndpoint(endpoint).orElseThrow(() -> lostRace);
        }
    }

    private PeerRecord newPeer(String name, String endpoint, List<String> hives, PeerSource source, String via) {
        PeerRecord peer = new PeerRecord(Secrets.id("peer_"), name, endpoint, Optional.empty(), Optional.empty(),
                Optional.empty(), source, PeerStatus.PENDING, 0, Optional.empty(), Optional.empty(), hives, clock.now(),
                0, via);
        sync.savePeer(peer);
        return peer;
    }

    @Override
    public void resync(String groupId, String peerId) {
        PeerLink link = sync.findLink(peerId, groupId)
                .orElseThrow(() -> HivemeshException.notFound("peer_link", peerId + " in " + groupId));
        sync.updateLink(new PeerLink(peerId, groupId, 0, 0, link.remoteSeq(), link.lastSync()));
        audit("resync", Optional.of(groupId), JsonObject.builder().put("peer_id", peerId).build());
        signals.peerChanged(peerId);
    }

    @Override
    public List<StoredEvent> localEvents(String groupId, long since, int limit) {
        if (limit < 1 || limit > PeerProtocolService.MAX_PAGE) {
            throw HivemeshException.invalid("limit must be between 1 and " + PeerProtocolService.MAX_PAGE);
        }
        access.hiveOfGroup(groupId);
        return events.read(groupId, since, limit);
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
                PeerRecord created = newPeer(command.name(), endpoint, command.sharedHives(), PeerSource.MANUAL,
                        command.discoveredVia());
                audit("peer_added", Optional.empty(), JsonObject.builder().put("peer_id", created.peerId())
                        .put("endpoint", endpoint).build());
                return created;
            });
        } catch (HivemeshException refused) {
            throw refused;
        } catch (RuntimeException lostRace) {
            if (sync.peerByEndpoint(endpoint).isPresent()) {
                throw HivemeshException.conflict("peer_exists", "a peer with endpoint " + endpoint + " exists");
            }
            throw lostRace;
        }
        signals.peerChanged(peer.peerId());
        return peer;
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
            audit("peer_updated", Optional.empty(), JsonObject.builder().put("peer_id", peerId).build());
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
            audit("peer_deleted", Optional.empty(), JsonObject.builder().put("peer_id", peerId).build());
            return null;
        });
        signals.peerChanged(peerId);
    }

    @Override
    public PeerTest testPeer(String peerId) {
        PeerRecord peer = requirePeer(peerId);
        long start = System.nanoTime();
        try {
            String token = peer.outboundToken().orElseThrow(() -> HivemeshException.conflict("peer_pending",
                    "no handshake with this peer yet, so there is no token to test with"));
            PeerTransport.Heartbeat reply = transport.heartbeat(peer.address(), token,
                    new PeerTransport.Heartbeat(self.instanceId(), java.util.Map.of(), List.of()));
            return new PeerTest(true, (System.nanoTime() - start) / 1_000_000, Optional.of(reply.instanceId()), Optional.empty());
        } catch (PeerTransport.PeerUnavailable | PeerTransport.PeerRefused e) {
            return new PeerTest(false, (System.nanoTime() - start) / 1_000_000, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    @Override
    public InstanceStatus status() {
        return new InstanceStatus(self.instanceId(), new ArrayList<>(groups()));
    }
}
