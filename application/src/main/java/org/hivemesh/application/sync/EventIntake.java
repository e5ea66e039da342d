package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hivemesh.application.content.EventWriter;
import org.hivemesh.application.content.HiveAccess;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.shared.HybridClock;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.EventVerifier.Invalid;
import org.hivemesh.application.sync.EventVerifier.Stored;
import org.hivemesh.application.sync.EventVerifier.TooEarly;
import org.hivemesh.application.sync.EventVerifier.Valid;
import org.hivemesh.application.sync.EventVerifier.Verdict;
import org.hivemesh.application.sync.port.out.MergeGate;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.DeferredEvent;
import org.hivemesh.application.sync.port.out.SyncStore.QuarantinedEvent;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/**
 * Takes events from a peer or an import once {@link EventVerifier} has checked them. Bad events are quarantined
 * (counted, with their reason) and never block the good ones; an event whose clock is too far ahead is held until it
 * is due, never stored early and never lost; in a governed group the merge gate may hold a batch for oversight. The
 * good ones, the quarantine records and the caller's cursor move commit in one transaction.
 */
public final class EventIntake {
    /** Quarantine reasons kept per peer and group; the count keeps growing beyond them. */
    public static final int QUARANTINE_KEPT = 20;
    /** The peer recorded for events that arrive in an import file. */
    public static final String IMPORT = "import";

    private final SyncStore sync;
    private final EventWriter writer;
    private final HiveAccess access;
    private final EventVerifier verifier;
    private final HybridClock hlc;
    private final Transactions transactions;
    private final Clock clock;
    private final InstanceIdentity self;
    private final MergeGate gate;
    private final IntakeSettings settings;

    @Inject
    public EventIntake(SyncStore sync, EventWriter writer, HiveAccess access, EventVerifier verifier, HybridClock hlc,
                       Transactions transactions, Clock clock, InstanceIdentity self, MergeGate gate,
                       IntakeSettings settings) {
        this.sync = sync;
        this.writer = writer;
        this.access = access;
        this.verifier = verifier;
        this.hlc = hlc;
        this.transactions = transactions;
        this.clock = clock;
        this.self = self;
        this.gate = gate;
        this.settings = settings;
    }

    /** {@code refused}: stored, but without effect under the authority rules. */
    public record Report(int accepted, int duplicate, int deferred, int quarantined, int refused) {
        public static final Report NONE = new Report(0, 0, 0, 0, 0);

        public Report plus(Report other) {
            return new Report(accepted + other.accepted, duplicate + other.duplicate, deferred + other.deferred,
                    quarantined + other.quarantined, refused + other.refused);
        }
    }

    /** Wire events with the verifier's verdicts on them, as of {@code at}. */
    public record Checked(List<JsonObject> wires, List<Verdict> verdicts, Instant at) {
    }

    /**
     * Parses and verifies wire events; pure CPU work, so a caller may run it on another thread while it stores.
     * {@code keys}: the public keys the sender gave for the events' origins.
     */
    public Checked check(String groupId, List<JsonObject> wires, Map<String, String> keys) {
        Instant now = clock.now();
        return new Checked(wires, verifier.checkArriving(wires, groupId, keys, now), now);
    }

    public Report ingest(String peerId, String groupId, List<JsonObject> wires, Map<String, String> keys,
                         Runnable alsoInTransaction) {
        return ingest(peerId, groupId, check(groupId, wires, keys), alsoInTransaction);
    }

    public Report ingest(String peerId, String groupId, Checked checked, Runnable alsoInTransaction) {
        return take(peerId, groupId, checked.wires(), checked.verdicts(), checked.at(), alsoInTransaction);
    }

    /** Stores what the verifier found valid, holds what is too early and quarantines the rest, in one transaction. */
    public Report take(String peerId, String groupId, List<JsonObject> wires, List<Verdict> verdicts, Instant now,
                       Runnable alsoInTransaction) {
        List<Event> valid = new ArrayList<>();
        Map<String, String> learnedKeys = new LinkedHashMap<>();
        List<TooEarly> early = new ArrayList<>();
        List<QuarantinedEvent> rejected = new ArrayList<>();
        int alreadyStored = 0;
        for (int i = 0; i < wires.size(); i++) {
            Verdict verdict = verdicts.get(i);
            if (verdict instanceof Stored) {
                alreadyStored++;
            } else if (verdict instanceof Valid v) {
                valid.add(v.event());
                learn(learnedKeys, v.event(), v.keyHex());
            } else if (verdict instanceof TooEarly t) {
                early.add(t);
                learn(learnedKeys, t.event(), t.keyHex());
            } else {
                rejected.add(quarantined(peerId, groupId, wires.get(i), ((Invalid) verdict).reason(), now));
            }
        }
        HiveRecord hive = access.hiveOfGroup(groupId);
        List<Event> merging = valid.isEmpty() ? valid : gate.mergeNow(hive, peerId, valid);
        Taken taken = transactions.inTransaction(() -> {
            int room = Math.max(0, settings.maxDeferred() - sync.deferredCount(groupId, peerId));
            // An event held already is not held twice, so sending it again takes no room.
            Set<String> held = early.isEmpty() ? Set.of()
                    : sync.heldEventIds(groupId, early.stream().map(t -> t.event().id().value()).toList());
            int deferred = 0;
            int added = 0;
            for (TooEarly t : early) {
                if (held.contains(t.event().id().value())) {
                    deferred++;
                } else if (added < room) {
                    added++;
                    deferred++;
                    sync.defer(new DeferredEvent(groupId, t.event().id().value(), peerId, t.event().toJson().canonical(),
                            t.keyHex(), Instant.ofEpochMilli(t.event().hlc().wallMillis()).minus(settings.maxClockAhead()),
                            now));
                } else {
                    rejected.add(quarantined(peerId, groupId, t.event().toJson(), "HLC " + t.event().hlc()
                            + " is too far ahead and this peer already has " + settings.maxDeferred()
                            + " events waiting for their time", now));
                }
            }
            if (!rejected.isEmpty()) {
                sync.quarantine(groupId, peerId, rejected, QUARANTINE_KEPT);
            }
            learnedKeys.forEach(sync::rememberKey);
            EventWriter.Stored result = writer.store(hive, merging);
            alsoInTransaction.run();
            return new Taken(result, deferred);
        });
        valid.stream().map(Event::hlc).max(Hlc::compareTo).ifPresent(hlc::observe);
        EventWriter.Stored written = taken.stored();
        return new Report(written.appended().stored().size(), written.appended().duplicates() + alreadyStored, taken.deferred(),
                rejected.size(), written.refused().size());
    }

    private record Taken(EventWriter.Stored stored, int deferred) {
    }

    private void learn(Map<String, String> keys, Event event, String keyHex) {
        if (!event.origin().equals(self.instanceId())) {
            keys.put(event.origin(), keyHex);
        }
    }

    private static QuarantinedEvent quarantined(String peerId, String groupId, JsonObject wire, String reason, Instant at) {
        String canonical = wire.canonical();
        return new QuarantinedEvent("qua_" + EventId.sha256Hex(peerId + "|" + canonical).substring(0, 32), groupId,
                wire.get("id").filter(JsonValue.JsonString.class::isInstance).map(v -> ((JsonValue.JsonString) v).value()),
                peerId, reason, at);
    }
}
