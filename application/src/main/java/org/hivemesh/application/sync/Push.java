package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.PushBatch;
import org.hivemesh.domain.event.Event;

/**
 * Pushes to a peer what it lacks of our log. The durable outbound queue is the log itself: everything after the
 * peer's {@code last_seq_sent} is pending, so received events flood on to other peers and nothing is lost across
 * restarts. Up to {@link #IN_FLIGHT} batches travel at once; the cursor moves past a window only when all of its
 * batches are acknowledged, so a failure costs at most a resend (duplicates are recognised by ID).
 */
public final class Push {
    private static final int IN_FLIGHT = 3;

    private final SyncStore sync;
    private final EventStore events;
    private final EventVerifier verifier;
    private final PeerTransport transport;
    private final Clock clock;
    private final Executor executor;
    private final int batchSize;

    @Inject
    public Push(SyncStore sync, EventStore events, EventVerifier verifier, PeerTransport transport, Clock clock,
                Executor executor, TransferSettings settings) {
        this.sync = sync;
        this.events = events;
        this.verifier = verifier;
        this.transport = transport;
        this.clock = clock;
        this.executor = executor;
        this.batchSize = settings.pushBatch();
    }

    /** Returns how many events were sent. */
    public int to(PeerRecord peer, PeerLink link) {
        int sent = 0;
        long cursor = link.cursor().sent();
        String token = peer.outboundToken().orElseThrow();
        while (true) {
            List<StoredEvent> window = events.read(link.groupId(), cursor, batchSize * IN_FLIGHT);
            if (window.isEmpty()) {
                break;
            }
            List<CompletableFuture<Integer>> inFlight = new ArrayList<>();
            for (int from = 0; from < window.size(); from += batchSize) {
                List<StoredEvent> page = window.subList(from, Math.min(window.size(), from + batchSize));
                List<Event> toSend = page.stream().map(StoredEvent::event)
                        .filter(e -> !peer.instanceId().map(e.origin()::equals).orElse(false)).toList();
                long last = page.get(page.size() - 1).seq();
                if (!toSend.isEmpty()) {
                    PushBatch batch = new PushBatch(toSend.stream().map(Event::toJson).toList(),
                            verifier.keysFor(toSend), last);
                    inFlight.add(CompletableFuture.supplyAsync(() -> {
                        transport.push(peer.address(), token, link.groupId(), batch);
                        return toSend.size();
                    }, executor));
                }
            }
            try {
                for (CompletableFuture<Integer> batch : inFlight) {
                    sent += Futures.await(batch);
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
            sync.updateLink(now.with(now.cursor().sentUpTo(cursor), Optional.of(clock.now())));
            if (window.size() < batchSize * IN_FLIGHT) {
                break;
            }
        }
        return sent;
    }
}
