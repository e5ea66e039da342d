package org.hivemesh.application.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.port.out.AppendResult;
import org.hivemesh.application.port.out.Clock;
import org.hivemesh.application.port.out.HiveRecord;
import org.hivemesh.application.port.out.InstanceIdentity;
import org.hivemesh.application.port.out.PeerTransport.EventPage;
import org.hivemesh.application.port.out.Signatures;
import org.hivemesh.application.port.out.SyncStore;
import org.hivemesh.application.port.out.SyncStore.QuarantinedEvent;
import org.hivemesh.application.port.out.Transactions;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.peer.InstanceIds;

/**
 * Takes events from a peer: recomputes every ID, checks the group and verifies every signature against the
 * origin's key before anything is stored. Bad events are quarantined with the reason and never block the
 * good ones; the good ones, the quarantine records and the caller's cursor move commit in one transaction.
 */
public final class EventIntake {
    private static final HexFormat HEX = HexFormat.of();

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

    public EventIntake(SyncStore sync, EventWriter writer, HiveAccess access, Signatures signatures, HybridClock hlc,
                       Transactions transactions, Clock clock, InstanceIdentity self, MergePlanner planner,
                       ConsentService consent) {
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
    }

    public record Report(int accepted, int duplicate, int quarantined) {
    }

    private sealed interface Checked permits Accepted, Rejected {
    }

    private record Accepted(Event event, String keyHex) implements Checked {
    }

    private record Rejected(String reason) implements Checked {
    }

    public Report ingest(String peerId, String groupId, EventPage page, Runnable alsoInTransaction) {
        List<Event> valid = new ArrayList<>();
        Map<String, String> newKeys = new LinkedHashMap<>();
        List<QuarantinedEvent> rejected = new ArrayList<>();
        Instant now = clock.now();
        List<JsonObject> wires = page.events();
        List<Object> parsed = wires.parallelStream().map(EventIntake::parse).toList();
        Map<String, Optional<String>> keys = new HashMap<>();
        for (Object p : parsed) {
            if (p instanceof Event e) {
                keys.computeIfAbsent(e.origin(), origin -> keyFor(origin, page.keys()));
            }
        }
        // Signature checks are pure CPU work and dominate intake, so they run on every core.
        List<Checked> checked = parsed.parallelStream()
                .map(p -> p instanceof Event e ? check(e, groupId, keys.get(e.origin())) : (Checked) p).toList();
        for (int i = 0; i < wires.size(); i++) {
            if (checked.get(i) instanceof Accepted a) {
                valid.add(a.event());
                if (!a.event().origin().equals(self.instanceId())) {
                    newKeys.put(a.event().origin(), a.keyHex());
                }
            } else {
                JsonObject wire = wires.get(i);
                String canonical = wire.canonical();
                rejected.add(new QuarantinedEvent("qua_" + EventId.sha256Hex(peerId + "|" + canonical).substring(0, 32),
                        groupId, wire.get("id").filter(JsonValue.JsonString.class::isInstance)
                        .map(v -> ((JsonValue.JsonString) v).value()), peerId, ((Rejected) checked.get(i)).reason(),
                        canonical, now));
            }
        }
        HiveRecord hive = access.hiveOfGroup(groupId);
        boolean governed = sync.group(groupId).map(g -> g.consent() == Consent.ROSTER).orElse(false);
        List<Event> toMerge = valid;
        if (governed && !valid.isEmpty()) {
            // Events already held in an open plan are merged by that plan only, whichever way they arrive again.
            List<Event> unstaged = consent.notYetStaged(groupId, valid);
            MergePlanner.Plan plan = planner.plan(hive, "merge", peerId, unstaged);
            if (plan.requiresOversight()) {
                // Held back, not lost: the plan keeps the events until an admin approves or rejects the merge.
                consent.stage(groupId, peerId, plan, unstaged);
                toMerge = List.of();
            } else {
                toMerge = unstaged;
            }
        }
        List<Event> merging = toMerge;
        AppendResult result = transactions.inTransaction(() -> {
            rejected.forEach(sync::quarantine);
            newKeys.forEach(sync::rememberKey);
            AppendResult stored = writer.store(hive, merging);
            alsoInTransaction.run();
            return stored;
        });
        valid.stream().map(Event::hlc).max(Hlc::compareTo).ifPresent(hlc::observe);
        return new Report(result.stored().size(), result.duplicates(), rejected.size());
    }

    /** The event, or why it is not one: a malformed event or one whose ID does not match its content. */
    private static Object parse(JsonObject wire) {
        try {
            return Event.fromJson(wire);
        } catch (IllegalArgumentException e) {
            return new Rejected("malformed or altered event: " + e.getMessage());
        }
    }

    private Checked check(Event event, String groupId, Optional<String> key) {
        if (!event.group().equals(groupId)) {
            return new Rejected("event belongs to group " + event.group() + ", not " + groupId);
        }
        if (key.isEmpty()) {
            return new Rejected("no signing key that matches origin " + event.origin());
        }
        if (!signatures.verify(HEX.parseHex(key.get()), event.body().canonicalBytes(), HEX.parseHex(event.signature()))) {
            return new Rejected("signature does not verify against the key of origin " + event.origin());
        }
        return new Accepted(event, key.get());
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

    /** Why each event would be refused (empty if it is fine), checked exactly as events from a peer are. */
    public List<Optional<String>> verify(List<JsonObject> wires, String groupId, Map<String, String> offeredKeys) {
        List<Object> parsed = wires.parallelStream().map(EventIntake::parse).toList();
        Map<String, Optional<String>> keys = new HashMap<>();
        for (Object p : parsed) {
            if (p instanceof Event e) {
                keys.computeIfAbsent(e.origin(), origin -> keyFor(origin, offeredKeys));
            }
        }
        return parsed.parallelStream()
                .map(p -> p instanceof Event e ? check(e, groupId, keys.get(e.origin())) : (Checked) p)
                .map(c -> c instanceof Rejected r ? Optional.of(r.reason()) : Optional.<String>empty())
                .toList();
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
