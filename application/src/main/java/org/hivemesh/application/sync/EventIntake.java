package org.hivemesh.application.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.application.consent.ConsentService;
import org.hivemesh.application.consent.MergePlanner;
import org.hivemesh.application.content.EventWriter;
import org.hivemesh.application.content.HiveAccess;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.shared.HybridClock;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.port.out.PeerTransport.EventPage;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.DeferredEvent;
import org.hivemesh.application.sync.port.out.SyncStore.QuarantinedEvent;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.hive.Authority;
import org.hivemesh.domain.hive.AuthorityRule;
import org.hivemesh.domain.peer.InstanceIds;

/**
 * Takes events from a peer or an import: recomputes every ID, checks the group, the acting agent's instance and
 * every signature against the origin's key before anything is stored. Bad events are quarantined (counted, with
 * their reason) and never block the good ones; an event whose clock is too far ahead is held until it is due,
 * never stored early and never lost. The good ones, the quarantine records and the caller's cursor move commit in
 * one transaction.
 */
public final class EventIntake {
    private static final HexFormat HEX = HexFormat.of();
    /** Quarantine reasons kept per peer and group; the count keeps growing beyond them. */
    public static final int QUARANTINE_KEPT = 20;
    /** The peer recorded for events that arrive in an import file. */
    public static final String IMPORT = "import";

    private final SyncStore sync;
    private final EventWriter writer;
    private final HiveAccess access;
    private final Signatures signatures;
    private final HybridClock hlc;
    private final Transactions transactions;
    private final Clock clock;
    private final InstanceIdentity self;
    private final MergePlanner planner;
    private final ConsentService consent;
    private final Settings settings;

    /** {@code maxClockAhead}: how far an event's HLC may run ahead of our clock; {@code maxDeferred}: per peer and group. */
    public record Settings(Duration maxClockAhead, int maxDeferred) {
        public static final Duration DEFAULT_MAX_CLOCK_AHEAD = Duration.ofSeconds(60);
        public static final int DEFAULT_MAX_DEFERRED = 1000;
    }

    public EventIntake(SyncStore sync, EventWriter writer, HiveAccess access, Signatures signatures, HybridClock hlc,
                       Transactions transactions, Clock clock, InstanceIdentity self, MergePlanner planner,
                       ConsentService consent, Settings settings) {
        this.planner = planner;
        this.consent = consent;
        this.sync = sync;
        this.writer = writer;
        this.access = access;
        this.signatures = signatures;
        this.hlc = hlc;
        this.transactions = transactions;
        this.clock = clock;
        this.self = self;
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

    /** What intake makes of one wire event. */
    public sealed interface Verdict permits Valid, TooEarly, Invalid {
    }

    public record Valid(Event event, String keyHex) implements Verdict {
    }

    /** Verified, but its HLC is more than the allowed margin ahead of our clock. */
    public record TooEarly(Event event, String keyHex) implements Verdict {
    }

    public record Invalid(String reason) implements Verdict {
    }

    public Report ingest(String peerId, String groupId, EventPage page, Runnable alsoInTransaction) {
        Instant now = clock.now();
        return take(peerId, groupId, page.events(), check(page.events(), groupId, page.keys(), now), now,
                alsoInTransaction);
    }

    /** Stores what {@link #check} found valid, holds what is too early and quarantines the rest, in one transaction. */
    public Report take(String peerId, String groupId, List<JsonObject> wires, List<Verdict> verdicts, Instant now,
                       Runnable alsoInTransaction) {
        List<Event> valid = new ArrayList<>();
        Map<String, String> learnedKeys = new LinkedHashMap<>();
        List<TooEarly> early = new ArrayList<>();
        List<QuarantinedEvent> rejected = new ArrayList<>();
        for (int i = 0; i < wires.size(); i++) {
            Verdict verdict = verdicts.get(i);
            if (verdict instanceof Valid v) {
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
        List<Event> merging = staged(hive, peerId, valid);
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
        EventWriter.Stored stored = taken.stored();
        return new Report(stored.appended().stored().size(), stored.appended().duplicates(), taken.deferred(),
                rejected.size(), stored.refused().size());
    }

    private record Taken(EventWriter.Stored stored, int deferred) {
    }

    /** In a governed group, events that fire an oversight trigger wait in a merge plan instead of merging. */
    private List<Event> staged(HiveRecord hive, String peerId, List<Event> valid) {
        boolean governed = sync.group(hive.groupId()).map(g -> g.consent() == Consent.ROSTER).orElse(false);
        if (!governed || valid.isEmpty()) {
            return valid;
        }
        // Events already held in an open plan are merged by that plan only, whichever way they arrive again.
        List<Event> unstaged = consent.notYetStaged(hive.groupId(), valid);
        MergePlanner.Plan plan = planner.plan(hive, "merge", peerId, unstaged);
        if (plan.requiresOversight()) {
            // Held back, not lost: the plan keeps the events until an admin approves or rejects the merge.
            consent.stage(hive.groupId(), peerId, plan, unstaged);
            return List.of();
        }
        return unstaged;
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

    /** Stores held events whose time has come, checked again like any arriving event. */
    public Report releaseDue() {
        Instant now = clock.now();
        Map<String, Map<String, List<DeferredEvent>>> byGroupAndPeer = new LinkedHashMap<>();
        for (DeferredEvent d : sync.dueDeferred(now, 500)) {
            byGroupAndPeer.computeIfAbsent(d.groupId(), g -> new LinkedHashMap<>())
                    .computeIfAbsent(d.peerId(), p -> new ArrayList<>()).add(d);
        }
        Report total = Report.NONE;
        for (var group : byGroupAndPeer.entrySet()) {
            for (var peer : group.getValue().entrySet()) {
                List<DeferredEvent> due = peer.getValue();
                List<String> ids = due.stream().map(DeferredEvent::eventId).toList();
                if (!access.hasGroup(group.getKey())) {
                    transactions.inTransaction(() -> {
                        sync.removeDeferred(group.getKey(), ids);
                        return null;
                    });
                    continue;
                }
                List<JsonObject> wires = new ArrayList<>();
                Map<String, String> keys = new HashMap<>();
                for (DeferredEvent d : due) {
                    JsonObject wire = Json.parseObject(d.eventJson());
                    wires.add(wire);
                    keys.put(wire.string("origin"), d.originKey());
                }
                total = total.plus(take(peer.getKey(), group.getKey(), wires, check(wires, group.getKey(), keys, now), now,
                        () -> sync.removeDeferred(group.getKey(), ids)));
            }
        }
        return total;
    }

    /** The event, or why it is not one: a malformed event or one whose ID does not match its content. */
    private static Object parse(JsonObject wire) {
        try {
            return Event.fromJson(wire);
        } catch (IllegalArgumentException e) {
            return new Invalid("malformed or altered event: " + e.getMessage());
        }
    }

    /** Every check intake makes, in parallel: signature checks are pure CPU work and dominate intake. */
    public List<Verdict> check(List<JsonObject> wires, String groupId, Map<String, String> offeredKeys, Instant now) {
        List<Object> parsed = wires.parallelStream().map(EventIntake::parse).toList();
        Map<String, Optional<String>> keys = new HashMap<>();
        for (Object p : parsed) {
            if (p instanceof Event e) {
                keys.computeIfAbsent(e.origin(), origin -> keyFor(origin, offeredKeys));
            }
        }
        long latestAllowed = now.plus(settings.maxClockAhead()).toEpochMilli();
        return parsed.parallelStream()
                .map(p -> p instanceof Event e ? check(e, groupId, keys.get(e.origin()), latestAllowed) : (Verdict) p)
                .toList();
    }

    private Verdict check(Event event, String groupId, Optional<String> key, long latestAllowed) {
        if (!event.group().equals(groupId)) {
            return new Invalid("event belongs to group " + event.group() + ", not " + groupId);
        }
        if (key.isEmpty()) {
            return new Invalid("no signing key that matches origin " + event.origin());
        }
        if (!signatures.verify(HEX.parseHex(key.get()), event.body().canonicalBytes(), HEX.parseHex(event.signature()))) {
            return new Invalid("signature does not verify against the key of origin " + event.origin());
        }
        Optional<AuthorityRule> origin = Authority.originRefusal(event);
        if (origin.isPresent()) {
            return new Invalid(origin.get().wire() + ": the acting agent " + event.payload().actor().key()
                    + " is not an agent of the origin " + event.origin());
        }
        if (event.hlc().wallMillis() > latestAllowed) {
            return new TooEarly(event, key.get());
        }
        return new Valid(event, key.get());
    }

    /** Our own key, a key learned before, or an offered key that hashes to the origin's ID. */
    private Optional<String> keyFor(String origin, Map<String, String> offeredKeys) {
        if (origin.equals(self.instanceId())) {
            return Optional.of(self.publicKeyHex());
        }
        Optional<String> known = sync.keyOf(origin);
        if (known.isPresent()) {
            return known;
        }
        String offered = offeredKeys.get(origin);
        try {
            if (offered != null && InstanceIds.matches(origin, HEX.parseHex(offered))) {
                return Optional.of(offered);
            }
        } catch (IllegalArgumentException notHex) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Keys of the origins in {@code events}, for the receiver to check them. */
    public Map<String, String> keysFor(List<Event> events) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Event e : events) {
            if (!keys.containsKey(e.origin())) {
                (e.origin().equals(self.instanceId()) ? Optional.of(self.publicKeyHex()) : sync.keyOf(e.origin()))
                        .ifPresent(k -> keys.put(e.origin(), k));
            }
        }
        return keys;
    }
}
