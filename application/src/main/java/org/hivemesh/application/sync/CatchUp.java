package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.hivemesh.application.content.MergeAudit;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.EventPage;
import org.hivemesh.domain.event.Hlc;
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
    private final EventIntake intake;
    private final PeerTransport transport;
    private final MergeAudit merges;
    private final Clock clock;
    private final InstanceIdentity self;
    private final Executor executor;
    private final int pageSize;

    @Inject
    public CatchUp(SyncStore sync, EventStore events, EventIntake intake, PeerTransport transport, MergeAudit merges,
                   Clock clock, InstanceIdentity self, Executor executor, TransferSettings settings) {
        this.self = self;
        this.sync = sync;
        this.events = events;
        this.intake = intake;
        this.transport = transport;
        this.merges = merges;
        this.clock = clock;
        this.executor = executor;
        this.pageSize = settings.pullPage();
    }

    public EventIntake.Report from(PeerRecord peer, PeerLink link, String actor) {
        EventIntake.Report total = EventIntake.Report.NONE;
        long cursor = link.cursor().received();
        Fetched page = fetchChecked(peer, link.groupId(), cursor);
        // Begun before the first page that carries events, which need not be the first page: ours are not sent back.
        Optional<MergeAudit.Merge> merge = Optional.empty();
        while (true) {
            long next = Math.max(cursor, page.page().nextSeq());
            boolean more = page.page().hasMore() && next != cursor;
            CompletableFuture<Fetched> following = more
                    ? CompletableFuture.supplyAsync(() -> fetchChecked(peer, link.groupId(), next), executor) : null;
            if (merge.isEmpty() && !page.page().events().isEmpty()) {
                merge = Optional.of(merges.begin(link.groupId()));
            }
            EventIntake.Report report = intake.ingest(peer.peerId(), link.groupId(), page.checked(), () -> {
                PeerLink now = sync.findLink(peer.peerId(), link.groupId()).orElse(link);
                sync.updateLink(now.with(now.cursor().receivedUpTo(next), Optional.of(clock.now())));
            });
            total = total.plus(report);
            if (following == null) {
                break;
            }
            cursor = next;
            page = Futures.await(following);
        }
        if (merge.isPresent() && (total.accepted() > 0 || total.quarantined() > 0)) {
            merge.get().executed(actor, details("catch-up", peer, sync.group(link.groupId()), total));
        }
        return total;
    }

    /** What a merge of a peer's events did, for its {@code merge_executed} record; {@code kind}: how they came. */
    static JsonObject details(String kind, PeerRecord peer, Optional<SyncGroup> group, EventIntake.Report report) {
        int quarantined = report.quarantined();
        return JsonObject.builder()
                .put("plan", JsonObject.builder().put("kind", kind).put("peer", peer.instanceId().orElse(peer.peerId()))
                        .put("incoming_events", report.accepted() + report.duplicate() + report.deferred() + quarantined)
                        .build())
                .put("method", group.map(SyncGroup::method).orElse("")).put("consent", group.map(g -> g.consent().wire()).orElse(""))
                .put("accepted", report.accepted()).put("duplicate", report.duplicate())
                .put("deferred", report.deferred()).put("refused", report.refused()).put("quarantined", quarantined)
                .put("outcome", quarantined == 0 ? "merged" : "merged with quarantine").build();
    }

    /** A page as fetched, with its events already verified. */
    private record Fetched(EventPage page, EventIntake.Checked checked) {
    }

    private Fetched fetchChecked(PeerRecord peer, String groupId, long since) {
        EventPage page = fetch(peer, groupId, since);
        return new Fetched(page, intake.check(groupId, page.events(), page.keys()));
    }

    /** Own events not yet contributed to this peer; pushing comes first, so this is normally 0. */
    private EventPage fetch(PeerRecord peer, String groupId, long since) {
        long contributed = sync.findLink(peer.peerId(), groupId).map(l -> l.cursor().sent()).orElse(0L);
        long unshared = Math.max(0, events.currentSeq(groupId) - contributed);
        // Our latest own event in the group bounds what we wrote; what of ours the peer has beyond it we lost (we were
        // restored from a backup). Our writes reach the peer in HLC order, so this stays right page after page.
        Hlc ours = events.latestOf(groupId, self.instanceId()).orElse(Hlc.ZERO);
        return transport.pull(peer.address(), peer.outboundToken().orElseThrow(), groupId, since, pageSize, unshared,
                Optional.of(ours));
    }
}
