package org.hivemesh.application.sync;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.hivemesh.application.consent.CadenceService;
import org.hivemesh.application.consent.ConsentService;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.discovery.GossipService;
import org.hivemesh.application.shared.Secrets;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.AuditLog;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.sync.port.in.PeerSyncUseCases;
import org.hivemesh.application.sync.port.out.PeerResolver;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.PeerTransport.EventPage;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.hivemesh.domain.peer.SyncEndpoint;

/**
 * One sync round with a peer. The durable outbound queue is the local log itself: everything after the
 * peer's {@code last_seq_sent} is pending, so received events flood on to other peers and nothing is lost
 * across restarts. Pull pages commit with their cursor, so an interrupted backfill resumes where it stopped.
 */
public final class PeerSyncService implements PeerSyncUseCases {
    private final SyncStore sync;
    private final EventStore events;
    private final EventIntake intake;
    private final Handshakes handshakes;
    private final PeerTransport transport;
    private final Clock clock;
    private final InstanceIdentity self;
    private final int pushBatch;
    private final int pullPage;
    /** Push batches per peer in flight at once. */
    private static final int IN_FLIGHT = 3;
    private final Executor prefetch = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "hivemesh-prefetch");
        thread.setDaemon(true);
        return thread;
    });

    private final GossipService gossip;
    private final PeerResolver resolver;
    private final StateStore state;
    private final AuditLog audit;
    private final CadenceService cadence;
    private final ConsentService consent;

    public PeerSyncService(SyncStore sync, EventStore events, EventIntake intake, Handshakes handshakes,
                           PeerTransport transport, Clock clock, InstanceIdentity self, int pushBatch, int pullPage,
                           GossipService gossip, PeerResolver resolver, StateStore state, AuditLog audit,
                           CadenceService cadence, ConsentService consent) {
        this.cadence = cadence;
        this.consent = consent;
        this.state = state;
        this.audit = audit;
        this.gossip = gossip;
        this.resolver = resolver;
        this.sync = sync;
        this.events = events;
        this.intake = intake;
        this.handshakes = handshakes;
        this.transport = transport;
        this.clock = clock;
        this.self = self;
        this.pushBatch = pushBatch;
        this.pullPage = pullPage;
    }

    @Override
    public List<String> peerIds() {
        return resolver.allPeers().stream().map(PeerRecord::peerId).toList();
    }

    @Override
    public Round syncWith(String peerId) {
        PeerRecord peer = sync.peer(peerId).orElseThrow(() -> HivemeshException.notFound("peer", peerId));
        for (String hive : peer.sharedHives()) {
            boolean linked = sync.groupByHive(hive).flatMap(g -> sync.findLink(peerId, g.groupId())).isPresent();
            if (!linked) {
                handshakes.join(peer, hive);
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
            if (group.isPresent()) {
                handshakes.join(peer, group.get().hiveName());
                return sync.peer(peer.peerId()).orElse(null);
            }
        }
        return peer;
    }

    private Round exchange(PeerRecord peer) {
        String peerId = peer.peerId();
        int pushed = 0;
        int pulled = 0;
        int quarantined = 0;
        for (PeerLink link : sync.links(peerId)) {
            consent.shareRoster(peer, link.groupId());
            if (!cadence.due(link.groupId())) {
                continue;
            }
            pushed += push(peer, link);
            PeerLink current = sync.findLink(peerId, link.groupId()).orElse(link);
            EventIntake.Report report = pull(peer, current);
            pulled += report.accepted();
            quarantined += report.quarantined();
            cadence.merged(link.groupId());
        }
        PeerRecord latest = sync.peer(peerId).orElse(peer);
        sync.savePeer(latest.withContact(PeerStatus.ACTIVE, 0, Optional.of(clock.now()), Optional.empty()));
        return new Round(pushed, pulled, quarantined);
    }

    /**
     * Sends up to {@link #IN_FLIGHT} batches at once; the cursor moves past a window only when all of its batches are
     * acknowledged, so a failure costs at most a resend (duplicates are recognised by ID).
     */
    private int push(PeerRecord peer, PeerLink link) {
        int sent = 0;
        long cursor = link.lastSeqSent();
        String token = peer.outboundToken().orElseThrow();
        while (true) {
            List<StoredEvent> window = events.read(link.groupId(), cursor, pushBatch * IN_FLIGHT);
            if (window.isEmpty()) {
                break;
            }
            List<CompletableFuture<Integer>> inFlight = new java.util.ArrayList<>();
            for (int from = 0; from < window.size(); from += pushBatch) {
                List<StoredEvent> page = window.subList(from, Math.min(window.size(), from + pushBatch));
                List<Event> toSend = page.stream().map(StoredEvent::event)
                        .filter(e -> !peer.instanceId().map(e.origin()::equals).orElse(false)).toList();
                long last = page.get(page.size() - 1).seq();
                if (!toSend.isEmpty()) {
                    EventPage batch = new EventPage(toSend.stream().map(Event::toJson).toList(), last, false,
                            intake.keysFor(toSend));
                    inFlight.add(CompletableFuture.supplyAsync(() -> {
                        transport.push(peer.address(), token, link.groupId(), batch);
                        return toSend.size();
                    }, prefetch));
                }
            }
            try {
                for (CompletableFuture<Integer> batch : inFlight) {
                    sent += await(batch);
                }
            } catch (PeerTransport.PeerRefused refused) {
                if (refused.code().equals("cadence_deferred")) {
                    // The peer merges on its own cadence; the cursor stays, and the batch goes when it is due.
                    return sent;
                }
                throw refused;
            }
            cursor = window.get(window.size() - 1).seq();
            PeerLink now = sync.findLink(peer.peerId(), link.groupId()).orElse(link);
            sync.updateLink(new PeerLink(now.peerId(), now.groupId(), Math.max(now.lastSeqSent(), cursor),
                    now.lastSeqReceived(), now.remoteSeq(), Optional.of(clock.now())));
            if (window.size() < pushBatch * IN_FLIGHT) {
                break;
            }
        }
        return sent;
    }

    /** Pages are stored one by one with their cursor; the next page is fetched while the current one is stored. */
    private EventIntake.Report pull(PeerRecord peer, PeerLink link) {
        EventIntake.Report total = EventIntake.Report.NONE;
        long cursor = link.lastSeqReceived();
        EventPage page = fetch(peer, link.groupId(), cursor);
        Optional<String> before = page.events().isEmpty() ? Optional.empty() : Optional.of(state.stateDigest(link.groupId()));
        while (true) {
            long next = Math.max(cursor, page.nextSeq());
            boolean more = page.hasMore() && next != cursor;
            CompletableFuture<EventPage> following = more
                    ? CompletableFuture.supplyAsync(() -> fetch(peer, link.groupId(), next), prefetch) : null;
            EventIntake.Report report = intake.ingest(peer.peerId(), link.groupId(), page, () -> {
                PeerLink now = sync.findLink(peer.peerId(), link.groupId()).orElse(link);
                sync.updateLink(new PeerLink(now.peerId(), now.groupId(), now.lastSeqSent(),
                        Math.max(now.lastSeqReceived(), next), Math.max(now.remoteSeq(), next), Optional.of(clock.now())));
            });
            total = total.plus(report);
            if (following == null) {
                break;
            }
            cursor = next;
            page = await(following);
        }
        if (total.accepted() > 0 || total.quarantined() > 0) {
            auditMerge(peer, link.groupId(), total, before.orElse(""));
        }
        return total;
    }

    /** Every merge execution is audited: here a catch-up that brought events in. */
    private void auditMerge(PeerRecord peer, String groupId, EventIntake.Report report, String before) {
        int quarantined = report.quarantined();
        Optional<SyncGroup> group = sync.group(groupId);
        audit.record(new AuditLog.AuditRecord(Secrets.id("aud_"), clock.now(), "merge_executed", Optional.of(groupId),
                self.instanceId(), JsonObject.builder()
                .put("plan", JsonObject.builder().put("kind", "catch-up").put("peer", peer.instanceId().orElse(peer.peerId()))
                        .put("incoming_events", report.accepted() + report.duplicate() + report.deferred() + quarantined)
                        .build())
                .put("method", group.map(SyncGroup::method).orElse("")).put("consent", group.map(g -> g.consent().wire()).orElse(""))
                .put("accepted", report.accepted()).put("duplicate", report.duplicate())
                .put("deferred", report.deferred()).put("refused", report.refused()).put("quarantined", quarantined)
                .put("outcome", quarantined == 0 ? "merged" : "merged with quarantine")
                .put("digest_before", before).put("digest_after", state.stateDigest(groupId)).build()));
    }

    /** Own events not yet contributed to this peer; pushing comes first, so this is normally 0. */
    private EventPage fetch(PeerRecord peer, String groupId, long since) {
        long contributed = sync.findLink(peer.peerId(), groupId).map(PeerLink::lastSeqSent).orElse(0L);
        long unshared = Math.max(0, events.currentSeq(groupId) - contributed);
        return transport.pull(peer.address(), peer.outboundToken().orElseThrow(), groupId, since, pullPage, unshared);
    }

    private static <T> T await(CompletableFuture<T> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public Round federate(String syncEndpoint, String hiveName, boolean push, boolean pull) {
        String endpoint = SyncEndpoint.of(syncEndpoint).value();
        if (sync.peerByEndpoint(endpoint).isPresent()) {
            throw HivemeshException.conflict("already_peers", endpoint + " is a standing peer; it syncs without federate");
        }
        PeerRecord temporary = new PeerRecord(Secrets.id("peer_"), "federation", endpoint, Optional.empty(), Optional.empty(),
                Optional.empty(), PeerSource.MANUAL, PeerStatus.PENDING, 0, Optional.empty(), Optional.empty(), List.of(),
                clock.now(), 0, "federate");
        sync.savePeer(temporary);
        String peerId = temporary.peerId();
        try {
            String groupId = handshakes.join(temporary, hiveName).groupId();
            PeerRecord peer = sync.peer(peerId).orElseThrow(() -> HivemeshException.conflict("already_peers",
                    endpoint + " is a standing peer under another endpoint; it syncs without federate"));
            PeerLink link = sync.findLink(peerId, groupId).orElseThrow();
            int pushed = push ? push(peer, link) : 0;
            EventIntake.Report pulled = pull ? pull(peer, sync.findLink(peerId, groupId).orElseThrow())
                    : EventIntake.Report.NONE;
            transport.leave(peer.address(), peer.outboundToken().orElseThrow(), groupId);
            return new Round(pushed, pulled.accepted(), pulled.quarantined());
        } finally {
            sync.peer(peerId).ifPresent(p -> sync.deletePeer(p.peerId()));
        }
    }

    @Override
    public void heartbeatTo(String peerId) {
        PeerRecord peer = sync.peer(peerId).orElseThrow(() -> HivemeshException.notFound("peer", peerId));
        if (peer.outboundToken().isEmpty()) {
            return;
        }
        Map<String, Long> ours = new java.util.LinkedHashMap<>();
        List<PeerLink> links = sync.links(peerId);
        links.forEach(l -> ours.put(l.groupId(), events.currentSeq(l.groupId())));
        PeerTransport.Heartbeat reply = transport.heartbeat(peer.address(), peer.outboundToken().get(),
                new PeerTransport.Heartbeat(self.instanceId(), ours, gossip.forPeer(peer)));
        for (PeerLink link : links) {
            Long theirs = reply.seqByGroup().get(link.groupId());
            if (theirs != null) {
                sync.updateLink(new PeerLink(link.peerId(), link.groupId(), link.lastSeqSent(), link.lastSeqReceived(),
                        theirs, link.lastSync()));
            }
        }
        sync.savePeer(sync.peer(peerId).orElse(peer).withContact(PeerStatus.ACTIVE, 0, Optional.of(clock.now()),
                Optional.empty()));
        gossip.learn(peer, reply.knownPeers());
    }

    @Override
    public int releaseDeferred() {
        return intake.releaseDue().accepted();
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
