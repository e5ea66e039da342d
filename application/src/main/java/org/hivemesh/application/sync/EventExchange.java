package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.content.MergeAudit;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.sync.port.in.EventExchangeUseCase;
import org.hivemesh.application.sync.port.out.GroupCadence;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.EventPage;
import org.hivemesh.application.sync.port.wire.PushBatch;
import org.hivemesh.application.sync.port.wire.PushReply;
import org.hivemesh.domain.consent.Reciprocity;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.group.Consent;

/** The events a linked peer pulls from our log and pushes into it. */
public final class EventExchange implements EventExchangeUseCase {
    private final SyncStore sync;
    private final EventStore events;
    private final EventVerifier verifier;
    private final EventIntake intake;
    private final GroupCadence cadence;
    private final MergeAudit merges;

    @Inject
    public EventExchange(SyncStore sync, EventStore events, EventVerifier verifier, EventIntake intake,
                         GroupCadence cadence, MergeAudit merges) {
        this.merges = merges;
        this.sync = sync;
        this.events = events;
        this.verifier = verifier;
        this.intake = intake;
        this.cadence = cadence;
    }

    @Override
    public EventPage events(PeerRecord peer, String groupId, long since, int limit, long unshared,
                            Optional<Hlc> ownAfter) {
        sync.requireLink(peer, groupId);
        if (sync.requireGroup(groupId).consent() == Consent.ROSTER
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
        // The caller already has what it wrote itself, unless it lost what it wrote after ownAfter; the cursor still
        // moves past what is left out.
        List<Event> list = page.stream().map(StoredEvent::event)
                .filter(e -> !peer.instanceId().map(e.origin()::equals).orElse(false)
                        || ownAfter.map(after -> e.hlc().compareTo(after) > 0).orElse(false)).toList();
        return new EventPage(list.stream().map(Event::toJson).toList(), next,
                page.size() == limit && events.currentSeq(groupId) > next, verifier.keysFor(list));
    }

    @Override
    public PushReply receive(PeerRecord peer, String groupId, PushBatch batch) {
        sync.requireLink(peer, groupId);
        if (!cadence.acceptsPushes(groupId)) {
            throw HivemeshException.conflict("cadence_deferred", "this member merges group " + groupId + " on a "
                    + cadence.mode(groupId) + " cadence; push again when it is due");
        }
        if (batch.events().size() > MAX_PAGE) {
            throw HivemeshException.invalid("a batch holds at most " + MAX_PAGE + " events");
        }
        MergeAudit.Merge merge = merges.begin(groupId);
        EventIntake.Report report = intake.ingest(peer.peerId(), groupId, batch.events(), batch.keys(), () -> {
        });
        if (report.accepted() > 0 || report.quarantined() > 0) {
            merge.executed(peer.instanceId().orElse(peer.peerId()),
                    CatchUp.details("push-received", peer, sync.group(groupId), report));
        }
        return new PushReply(events.currentSeq(groupId), report.accepted(), report.duplicate(), report.deferred(),
                report.quarantined(), report.refused());
    }
}
