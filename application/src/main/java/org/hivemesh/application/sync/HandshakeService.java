package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.Secrets;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdGenerator;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.port.in.HandshakeUseCase;
import org.hivemesh.application.sync.port.out.JoinGate;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncSignals;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.HandshakeReply;
import org.hivemesh.application.sync.port.wire.HandshakeRequest;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.PeerCursor;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.hivemesh.domain.peer.SyncEndpoint;

/**
 * The callee's side of the handshake. Idempotent: one peer entry per remote instance; a repeated or crossing
 * handshake only adds a valid token, so both sides end with one working session. The caller proved its identity by
 * signing; an endpoint it announces is used only once it answers as that same instance, and a peer entry never
 * passes to another instance. A governed group asks its join gate first.
 */
public final class HandshakeService implements HandshakeUseCase {
    private final SyncStore sync;
    private final HiveStore hives;
    private final EventStore events;
    private final PeerTransport transport;
    private final JoinGate gate;
    private final Transactions transactions;
    private final Audit audit;
    private final Clock clock;
    private final IdGenerator ids;
    private final InstanceIdentity self;
    private final SyncSignals signals;
    private final Settings settings;
    private final GroupOversight oversight;

    /**
     * {@code syncTokenTtl}: how long an issued sync token is valid; {@code maxPeersPerGroup}: peers per group, and
     * in a governed group peers plus open join plans.
     */
    public record Settings(Duration syncTokenTtl, int maxPeersPerGroup) {
        public static final Duration DEFAULT_SYNC_TOKEN_TTL = Duration.ofDays(30);
        public static final int DEFAULT_MAX_PEERS_PER_GROUP = 100;
    }

    @Inject
    public HandshakeService(SyncStore sync, HiveStore hives, EventStore events, PeerTransport transport, JoinGate gate,
                            Transactions transactions, Audit audit, Clock clock, IdGenerator ids, InstanceIdentity self,
                            SyncSignals signals, Settings settings, GroupOversight oversight) {
        this.oversight = oversight;
        this.sync = sync;
        this.hives = hives;
        this.events = events;
        this.transport = transport;
        this.gate = gate;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
        this.self = self;
        this.signals = signals;
        this.settings = settings;
    }

    @Override
    public HandshakeReply accept(HandshakeRequest request, String caller) {
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
        SyncGroup target = group(request.syncGroupName());
        if (!client && !sync.peerByInstance(caller).map(p -> p.syncEndpoint().equals(endpoint)).orElse(false)) {
            verifyEndpoint(endpoint, caller);
        }
        if (target.consent() == Consent.ROSTER
                && gate.decide(target, caller, settings.maxPeersPerGroup(), request.newPlan())
                instanceof JoinGate.Pending pending) {
            throw HivemeshException.conflict("approval_pending", "merge plan " + pending.planId()
                    + " waits for the approval of " + pending.waitingFor()).with("plan_id", pending.planId())
                    .with("waiting_for", String.join(",", pending.waitingFor()));
        }
        String token = ids.secret("hst_");
        Instant expires = clock.now().plus(settings.syncTokenTtl());
        return transactions.inTransaction(() -> {
            SyncGroup group = group(request.syncGroupName());
            HiveRecord hive = hives.byGroup(group.groupId()).orElseThrow(() -> HivemeshException.notFound("group",
                    group.groupId()));
            PeerRecord peer = enrol(caller, endpoint, request, client, group);
            sync.addInboundToken(peer.peerId(), Secrets.hash(token), clock.now(), expires);
            audit.record("peer_admitted", Optional.of(group.groupId()), caller, JsonObject.builder()
                    .put("peer_id", peer.peerId()).put("endpoint", endpoint).build());
            transactions.afterCommit(() -> signals.peerChanged(peer.peerId()));
            return new HandshakeReply(group.groupId(), self.instanceId(), self.publicKeyHex(),
                    events.currentSeq(group.groupId()), token, expires, group.ownerInstanceId(), hive.ownerAgentId(),
                    group.hiveName(), group.lineage(), group.consent().wire(), group.method(),
                    Optional.of(oversight.of(group.groupId())));
        });
    }

    private SyncGroup group(String hiveName) {
        return sync.groupByHive(hiveName).orElseThrow(() -> HivemeshException.notFound("sync_group", hiveName));
    }

    /** The caller's peer entry, linked to the group; a new link starts pushing from now (the joiner pulls the rest). */
    private PeerRecord enrol(String caller, String endpoint, HandshakeRequest request, boolean client, SyncGroup group) {
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
        PeerRecord peer = new PeerRecord(existing == null ? ids.id("peer_") : existing.peerId(),
                existing == null ? caller : existing.name(), endpoint, Optional.of(caller), Optional.of(request.signingKey()),
                client ? Optional.empty() : Optional.of(request.syncToken()),
                existing == null ? PeerSource.HANDSHAKE : existing.source(), PeerStatus.ACTIVE, 0,
                Optional.of(clock.now()), Optional.empty(), shared,
                existing == null ? clock.now() : existing.createdAt(), existing == null ? 0 : existing.learnedTtl(),
                existing == null ? "handshake" : existing.discoveredVia());
        sync.savePeer(peer);
        sync.rememberKey(caller, request.signingKey());
        sync.link(peer.peerId(), group.groupId());
        if (newLink) {
            // The joiner backfills everything up to now by pulling; pushing the same history would send it twice.
            sync.updateLink(new PeerLink(peer.peerId(), group.groupId(),
                    PeerCursor.joinedAt(events.currentSeq(group.groupId())), Optional.empty()));
        }
        return peer;
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
}
