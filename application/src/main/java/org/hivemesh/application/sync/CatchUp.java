package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.PeerTransport.EventPage;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.SyncGroup;

/**
 * Backfill and catch-up: pulls a peer's log from our durable cursor. Pages are stored one by one with their cursor,
 * so an interrupted backfill resumes where it stopped; the next page is fetched and verified while the current one is
 * stored.
 * Every catch-up that brings events in is audited as a merge execution, with the digests around it.
 */
public final class CatchUp {
    private final SyncStore sync;
    private final EventStore events;
    private final StateStore state;
    private final EventIntake intake;
    private final PeerTransport transport;
    private final Audit audit;
    private final Clock clock;
    private final Executor executor;
    private final int pageSize;

    @Inject
    public CatchUp(SyncStore sync, EventStore events, StateStore state, EventIntake intake, PeerTransport transport,
                   Audit audit, Clock clock, Executor executor, TransferSettings settings) {
        this.sync = sync;
        this.events = events;
        this.state = state;
        this.intake = intake;
        this.transport = transport;
        this.audit = audit;
        this.clock = clock;
        this.executor = executor;
        this.pageSize = settings.pullPage();
    }

    public EventIntake.Report from(PeerRecord peer, PeerLink link, String actor) {
        EventIntake.Report total = EventIntake.Report.NONE;
        long cursor = link.lastSeqReceived();
        EventIntake.Checked page = fetchChecked(peer, link.groupId(), cursor);
        Optional<String> before = page.page().events().isEmpty() ? Optional.empty()
                : Optional.of(state.stateDigest(link.groupId()));
        while (true) {
            long next = Math.max(cursor, page.page().nextSeq());
            boolean more = page.page().hasMore() && next != cursor;
            CompletableFuture<EventIntake.Checked> following = more
                    ? CompletableFuture.supplyAsync(() -> fetchChecked(peer, link.groupId(), next), executor) : null;
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
            page = Futures.await(following);
        }
        if (total.accepted() > 0 || total.quarantined() > 0) {
            auditMerge(peer, link.groupId(), total, before.orElse(""), actor);
        }
        return total;
    }

    private void auditMerge(PeerRecord peer, String groupId, EventIntake.Report report, String before, String actor) {
        int quarantined = report.quarantined();
        Optional<SyncGroup> group = sync.group(groupId);
        audit.record("merge_executed", Optional.of(groupId), actor, JsonObject.builder()
                .put("plan", JsonObject.builder().put("kind", "catch-up").put("peer", peer.instanceId().orElse(peer.peerId()))
                        .put("incoming_events", report.accepted() + report.duplicate() + report.deferred() + quarantined)
                        .build())
                .put("method", group.map(SyncGroup::method).orElse("")).put("consent", group.map(g -> g.consent().wire()).orElse(""))
                .put("accepted", report.accepted()).put("duplicate", report.duplicate())
                .put("deferred", report.deferred()).put("refused", report.refused()).put("quarantined", quarantined)
                .put("outcome", quarantined == 0 ? "merged" : "merged with quarantine")
                .put("digest_before", before).put("digest_after", state.stateDigest(groupId)).build());
    }

    private EventIntake.Checked fetchChecked(PeerRecord peer, String groupId, long since) {
        return intake.check(groupId, fetch(peer, groupId, since));
    }

    /** Own events not yet contributed to this peer; pushing comes first, so this is normally 0. */
    private EventPage fetch(PeerRecord peer, String groupId, long since) {
        long contributed = sync.findLink(peer.peerId(), groupId).map(PeerLink::lastSeqSent).orElse(0L);
        long unshared = Math.max(0, events.currentSeq(groupId) - contributed);
        return transport.pull(peer.address(), peer.outboundToken().orElseThrow(), groupId, since, pageSize, unshared);
    }
}
