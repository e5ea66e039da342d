package org.hivemesh.application.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.consent.CadenceService;
import org.hivemesh.application.consent.ConsentService;
import org.hivemesh.application.content.HiveAccess;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.discovery.GossipService;
import org.hivemesh.application.shared.Secrets;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.AuditLog;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.port.in.PeerProtocolUseCases;
import org.hivemesh.application.sync.port.in.SyncAdminUseCases.GroupStatus;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.PeerTransport.EventPage;
import org.hivemesh.application.sync.port.out.PeerTransport.HandshakeReply;
import org.hivemesh.application.sync.port.out.PeerTransport.HandshakeRequest;
import org.hivemesh.application.sync.port.out.PeerTransport.Heartbeat;
import org.hivemesh.application.sync.port.out.PeerTransport.PushReply;
import org.hivemesh.application.sync.port.out.SyncSignals;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.consent.Reciprocity;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.hivemesh.domain.peer.SyncEndpoint;

public final class PeerProtocolService implements PeerProtocolUseCases {
    /** A peer's last contact is written at most this often, not on every request. */
    private static final Duration CONTACT_RESOLUTION = Duration.ofSeconds(5);

    private final SyncStore sync;
    private final HiveAccess access;
    private final EventStore events;
    private final EventIntake intake;
    private final SyncStatuses statuses;
    private final Transactions transactions;
    private final AuditLog audit;
    private final Clock clock;
    private final InstanceIdentity self;
    private final SyncSignals signals;
    private final GossipService gossip;
    private final ConsentService consent;
    private final CadenceService cadence;
    private final PeerTransport transport;
    private final Settings settings;

    /**
     * {@code syncTokenTtl}: how long an issued sync token is valid; {@code maxPeersPerGroup}: peers per group, and
     * in a governed group peers plus open join plans.
     */
    public record Settings(Duration syncTokenTtl, int maxPeersPerGroup) {
        public static final Duration DEFAULT_SYNC_TOKEN_TTL = Duration.ofDays(30);
        public static final int DEFAULT_MAX_PEERS_PER_GROUP = 100;
    }

    public PeerProtocolService(SyncStore sync, HiveAccess access, EventStore events, EventIntake intake,
                               SyncStatuses statuses, Transactions transactions, AuditLog audit, Clock clock,
                               InstanceIdentity self, SyncSignals signals, GossipService gossip, ConsentService consent,
                               CadenceService cadence, PeerTransport transport, Settings settings) {
        this.transport = transport;
        this.settings = settings;
        this.cadence = cadence;
        this.gossip = gossip;
        this.consent = consent;
        this.sync = sync;
        this.access = access;
        this.events = events;
        this.intake = intake;
        this.statuses = statuses;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.self = self;
        this.signals = signals;
    }

    /**
     * Admits the caller to an open group. Idempotent: one peer entry per remote instance; a repeated or crossing
     * handshake only adds a valid token, so both sides end with one working session. The caller proved its
     * identity by signing; an endpoint it announces is used only once it answers as that same instance, and a
     * peer entry never passes to another instance.
     */
    @Override
    public HandshakeReply acceptHandshake(HandshakeRequest request, String caller) {
        require(request.syncGroupName(), "sync_group_name");
        require(request.instanceId(), "instance_id");
        require(request.signingKey(), "signing_key");
        if (!request.instanceId().equals(caller)) {
            throw HivemeshException.forbidden("the handshake is signed by " + caller + " but names " + request.instanceId());
        }
        if (caller.equals(self.instanceId())) {
            throw HivemeshException.invalid("an instance cannot handshake with itself");
        }
        // A client (a CLI with a local store) has no endpoint: it pushes and pulls, and is never called back.
        boolean client = request.syncEndpoint() == null || request.syncEndpoint().isBlank();
        if (!client) {
            require(request.syncToken(), "sync_token");
        }
        String endpoint = client ? SyncEndpoint.client(caller).value() : SyncEndpoint.of(request.syncEndpoint()).value();
        SyncGroup target = sync.groupByHive(request.syncGroupName())
                .orElseThrow(() -> HivemeshException.notFound("sync_group", request.syncGroupName()));
        Optional<PeerRecord> known = sync.peerByInstance(caller);
        if (!client && !known.map(p -> p.syncEndpoint().equals(endpoint)).orElse(false)) {
            verifyEndpoint(endpoint, caller);
        }
        if (target.consent() == Consent.ROSTER && consent.admitOrPlan(target, caller,
                settings.maxPeersPerGroup()) instanceof ConsentService.Pending pending) {
            throw HivemeshException.conflict("approval_pending", "merge plan " + pending.plan().planId()
                    + " waits for the approval of " + pending.waitingFor());
        }
        String token = Secrets.secret("hst_");
        Instant expires = clock.now().plus(settings.syncTokenTtl());
        return transactions.inTransaction(() -> {
            SyncGroup group = sync.groupByHive(request.syncGroupName())
                    .orElseThrow(() -> HivemeshException.notFound("sync_group", request.syncGroupName()));
            HiveRecord hive = access.hiveOfGroup(group.groupId());
            PeerRecord existing = sync.peerByInstance(caller).or(() -> sync.peerByEndpoint(endpoint)).orElse(null);
            if (existing != null && existing.instanceId().map(id -> !id.equals(caller)).orElse(false)) {
                throw HivemeshException.conflict("endpoint_taken", endpoint + " belongs to peer " + existing.peerId()
                        + " (instance " + existing.instanceId().get() + "); delete that peer first if it moved");
            }
            boolean newLink = existing == null || sync.findLink(existing.peerId(), group.groupId()).isEmpty();
            if (newLink && group.consent() == Consent.OPEN
                    && sync.linksOfGroup(group.groupId()).size() >= settings.maxPeersPerGroup()) {
                throw HivemeshException.forbidden("group " + group.groupId() + " already has "
                        + settings.maxPeersPerGroup() + " peers, the most this instance admits (max_peers_per_group)");
            }
            List<String> shared = new ArrayList<>(existing == null ? List.of() : existing.sharedHives());
            if (!shared.contains(group.hiveName())) {
                shared.add(group.hiveName());
            }
            PeerRecord peer = new PeerRecord(existing == null ? Secrets.id("peer_") : existing.peerId(),
                    existing == null ? caller : existing.name(), endpoint, Optional.of(caller),
                    Optional.of(request.signingKey()),
                    client ? Optional.empty() : Optional.of(request.syncToken()),
                    existing == null ? PeerSource.HANDSHAKE : existing.source(), PeerStatus.ACTIVE, 0,
                    Optional.of(clock.now()), Optional.empty(), shared,
                    existing == null ? clock.now() : existing.createdAt(), existing == null ? 0 : existing.learnedTtl(),
                    existing == null ? "handshake" : existing.discoveredVia());
            sync.savePeer(peer);
            sync.addInboundToken(peer.peerId(), Secrets.hash(token), clock.now(), expires);
            sync.rememberKey(caller, request.signingKey());
            sync.link(peer.peerId(), group.groupId());
            if (newLink) {
                // The joiner backfills everything up to now by pulling; pushing the same history would send it twice.
                long now = events.currentSeq(group.groupId());
                sync.updateLink(new PeerLink(peer.peerId(), group.groupId(), now, 0, 0, Optional.empty()));
            }
            audit.record(new AuditLog.AuditRecord(Secrets.id("aud_"), clock.now(), "peer_admitted",
                    Optional.of(group.groupId()), caller, JsonObject.builder().put("peer_id", peer.peerId())
                    .put("endpoint", endpoint).build()));
            transactions.afterCommit(() -> signals.peerChanged(peer.peerId()));
            return new HandshakeReply(group.groupId(), self.instanceId(), self.publicKeyHex(),
                    events.currentSeq(group.groupId()), token, expires, group.ownerInstanceId(), hive.ownerAgentId(),
                    group.hiveName(), group.lineage(), group.consent().wire());
        });
    }

    /** An announced endpoint is used only if it answers as the instance that announced it. */
    private void verifyEndpoint(String endpoint, String caller) {
        PeerTransport.Identity answered;
        try {
            answered = transport.identify(endpoint);
        } catch (PeerTransport.PeerUnavailable | PeerTransport.PeerRefused e) {
            throw HivemeshException.invalid("sync_endpoint " + endpoint + " could not be verified: " + e.getMessage()
                    + " (omit sync_endpoint to join as a client that is never called back)");
        }
        if (!caller.equals(answered.instanceId())) {
            throw HivemeshException.invalid("sync_endpoint " + endpoint + " answers as " + answered.instanceId()
                    + ", not as " + caller);
        }
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw HivemeshException.invalid(field + " is required");
        }
        return value;
    }

    @Override
    public PeerRecord authenticate(String bearerToken, String caller) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw HivemeshException.unauthenticated("a sync token is required (Authorization: Bearer <sync token>)");
        }
        SyncStore.InboundToken grant = sync.peerByInboundToken(Secrets.hash(bearerToken))
                .orElseThrow(() -> HivemeshException.unauthenticated("unknown sync token"));
        PeerRecord peer = grant.peer();
        if (!peer.instanceId().map(caller::equals).orElse(false)) {
            throw HivemeshException.unauthenticated("this sync token was not issued to " + caller);
        }
        if (!grant.expiresAt().isAfter(clock.now())) {
            throw new HivemeshException(HivemeshException.Kind.UNAUTHENTICATED, "token_expired",
                    "this sync token expired at " + grant.expiresAt() + "; a new signed handshake issues another");
        }
        boolean stale = peer.lastSeen().map(seen -> seen.plus(CONTACT_RESOLUTION).isBefore(clock.now())).orElse(true);
        if (stale || peer.status() != PeerStatus.ACTIVE) {
            sync.savePeer(peer.withContact(PeerStatus.ACTIVE, 0, Optional.of(clock.now()), peer.lastError()));
        }
        return peer;
    }

    private PeerLink requireLink(PeerRecord peer, String groupId) {
        if (sync.group(groupId).isEmpty()) {
            throw HivemeshException.notFound("sync_group", groupId);
        }
        return sync.findLink(peer.peerId(), groupId).orElseThrow(() ->
                HivemeshException.forbidden("peer " + peer.instanceId().orElse(peer.peerId()) + " is not in group " + groupId));
    }

    @Override
    public EventPage events(PeerRecord peer, String groupId, long since, int limit, long unshared) {
        requireLink(peer, groupId);
        if (sync.group(groupId).map(g -> g.consent() == Consent.ROSTER).orElse(false)
                && Reciprocity.decide(unshared) instanceof Reciprocity.ContributeFirst first) {
            throw HivemeshException.conflict("contribute_first", first.reason());
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw HivemeshException.invalid("limit must be between 1 and " + MAX_PAGE);
        }
        if (since < 0) {
            throw HivemeshException.invalid("since must not be negative");
        }
        List<StoredEvent> page = events.read(groupId, since, limit);
        long next = page.isEmpty() ? since : page.get(page.size() - 1).seq();
        // The caller already has what it wrote itself; the cursor still moves past those events.
        List<Event> list = page.stream().map(StoredEvent::event)
                .filter(e -> !peer.instanceId().map(e.origin()::equals).orElse(false)).toList();
        return new EventPage(list.stream().map(Event::toJson).toList(), next,
                page.size() == limit && events.currentSeq(groupId) > next, intake.keysFor(list));
    }

    @Override
    public PushReply receive(PeerRecord peer, String groupId, EventPage batch) {
        requireLink(peer, groupId);
        if (!cadence.acceptsPushes(groupId)) {
            throw HivemeshException.conflict("cadence_deferred", "this member merges group " + groupId + " on a "
                    + cadenceOf(groupId) + " cadence; push again when it is due");
        }
        if (batch.events().size() > MAX_PAGE) {
            throw HivemeshException.invalid("a batch holds at most " + MAX_PAGE + " events");
        }
        EventIntake.Report report = intake.ingest(peer.peerId(), groupId, batch, () -> {
        });
        return new PushReply(events.currentSeq(groupId), report.accepted(), report.duplicate(), report.deferred(),
                report.quarantined(), report.refused());
    }

    private String cadenceOf(String groupId) {
        return cadence.of(groupId).mode().wire();
    }

    @Override
    public GroupStatus groupStatus(PeerRecord peer, String groupId) {
        requireLink(peer, groupId);
        return statuses.of(sync.group(groupId).orElseThrow());
    }

    @Override
    public void leave(PeerRecord peer, String groupId) {
        requireLink(peer, groupId);
        transactions.inTransaction(() -> {
            sync.unlink(peer.peerId(), groupId);
            audit.record(new AuditLog.AuditRecord(Secrets.id("aud_"), clock.now(), "peer_left", Optional.of(groupId),
                    peer.instanceId().orElse(peer.peerId()), JsonObject.builder().put("peer_id", peer.peerId()).build()));
            return null;
        });
    }

    @Override
    public void receiveProposal(PeerRecord peer, String groupId, JsonObject proposal) {
        requireLink(peer, groupId);
        consent.receiveProposal(peer, groupId, proposal);
    }

    @Override
    public void receiveRoster(PeerRecord peer, String groupId, List<String> members) {
        requireLink(peer, groupId);
        consent.receiveRoster(peer, groupId, members);
    }

    @Override
    public void receiveApproval(PeerRecord peer, String groupId, JsonObject approval) {
        requireLink(peer, groupId);
        consent.receiveApproval(peer, groupId, approval);
    }

    @Override
    public Heartbeat heartbeat(PeerRecord peer, Heartbeat beat) {
        if (!peer.instanceId().map(id -> id.equals(beat.instanceId())).orElse(false)) {
            throw HivemeshException.forbidden("heartbeat instance_id does not match this sync token's peer");
        }
        Map<String, Long> ours = new LinkedHashMap<>();
        for (PeerLink link : sync.links(peer.peerId())) {
            Long theirs = beat.seqByGroup().get(link.groupId());
            if (theirs != null && theirs != link.remoteSeq()) {
                sync.updateLink(new PeerLink(link.peerId(), link.groupId(), link.lastSeqSent(), link.lastSeqReceived(),
                        theirs, link.lastSync()));
                if (theirs > link.lastSeqReceived()) {
                    signals.peerChanged(peer.peerId());
                }
            }
            ours.put(link.groupId(), events.currentSeq(link.groupId()));
        }
        gossip.learn(peer, beat.knownPeers());
        return new Heartbeat(self.instanceId(), ours, gossip.forPeer(peer));
    }
}
