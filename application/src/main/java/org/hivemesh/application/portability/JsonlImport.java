package org.hivemesh.application.portability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.portability.port.in.PortabilityUseCases;
import org.hivemesh.application.portability.port.in.PortabilityUseCases.ImportReport;
import org.hivemesh.application.portability.port.in.PortabilityUseCases.Rejection;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.EventIntake;
import org.hivemesh.application.sync.EventVerifier;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventType;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.hive.Contradiction;
import org.hivemesh.domain.hive.DecisionLinks;
import org.hivemesh.domain.hive.EntityKey;
import org.hivemesh.domain.hive.EntityKind;
import org.hivemesh.domain.hive.HiveRules;
import org.hivemesh.domain.peer.InstanceIds;

/** One import: lines are checked and stored in chunks, so memory stays flat whatever the input size. */
final class JsonlImport {
    private static final int CHUNK = 2000;
    /**
     * The first chunk is this small and each next one twice as large, up to {@link #CHUNK}: nothing is stored
     * before the first chunk is verified, so a small one sets the store to work early.
     */
    private static final int FIRST_CHUNK = 250;

    private final HiveStore hives;
    private final StateStore state;
    private final EventIntake intake;
    private final EventVerifier verifier;
    private final Transactions transactions;
    private final Audit audit;
    private final Clock clock;
    private final Optional<String> intoGroup;
    private String groupId;
    private HiveRecord hive;
    private final List<JsonObject> pending = new ArrayList<>();
    private final List<Long> pendingLines = new ArrayList<>();
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final Set<String> newDecisions = new HashSet<>();
    private final List<Rejection> rejected = new ArrayList<>();
    private final List<EntityKey> unknownDecisions = new ArrayList<>();
    private long newEvents;
    private long duplicates;
    private long deferred;
    private long refused;
    private long rejectedCount;
    private CompletableFuture<Verified> verifying;
    private int chunkSize = FIRST_CHUNK;

    JsonlImport(Optional<String> intoGroup, HiveStore hives, StateStore state, EventIntake intake, EventVerifier verifier,
                Transactions transactions, Audit audit, Clock clock) {
        this.hives = hives;
        this.state = state;
        this.intake = intake;
        this.verifier = verifier;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.intoGroup = intoGroup;
        this.groupId = intoGroup.orElse(null);
    }

    void reject(Rejection rejection) {
        rejectedCount++;
        if (rejected.size() < PortabilityUseCases.MAX_DETAILS) {
            rejected.add(rejection);
        }
    }

    void line(long number, String text) {
        if (text.isBlank()) {
            return;
        }
        JsonObject json;
        try {
            json = Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            reject(new Rejection(number, "not a JSON object (truncated or corrupt line): " + e.getMessage()));
            return;
        }
        if (json.get(PortabilityService.HEADER).isPresent()) {
            header(number, json);
            return;
        }
        String group = json.optionalString("group").orElse("");
        if (groupId == null) {
            groupId = group;
        }
        if (!group.equals(groupId)) {
            reject(new Rejection(number, "event is for group " + group + ", this import is for " + groupId));
            return;
        }
        json.optionalString("key").ifPresent(key -> json.optionalString("origin").ifPresent(origin -> {
            try {
                if (InstanceIds.matches(origin, HexFormat.of().parseHex(key))) {
                    keys.putIfAbsent(origin, key);
                }
            } catch (IllegalArgumentException notHex) {
                // a bad key is no key: the event is then rejected for lack of one
            }
        }));
        pending.add(json);
        pendingLines.add(number);
        if (pending.size() >= chunkSize) {
            flush();
            chunkSize = Math.min(CHUNK, 2 * chunkSize);
        }
    }

    private void header(long number, JsonObject json) {
        JsonObject header = json.object(PortabilityService.HEADER);
        String group = header.string("group");
        if (intoGroup.isPresent() && !intoGroup.get().equals(group)) {
            reject(new Rejection(number, "the file is an export of group " + group + ", not " + intoGroup.get()));
            return;
        }
        groupId = group;
        if (hives.byGroup(group).isEmpty()) {
            HiveRecord created = new HiveRecord(header.string("hive_name"), group, header.string("owner_instance_id"),
                    header.string("owner_agent_id"), clock.now());
            transactions.inTransaction(() -> {
                if (!hives.create(created)) {
                    throw HivemeshException.conflict("hive_name_taken", "hive '" + created.name()
                            + "' here belongs to another group; cannot import group " + group);
                }
                return null;
            });
        }
    }

    /**
     * Hands the pending chunk to verification on another thread and stores the chunk verified before it, so
     * parsing and signature checks of one chunk overlap the store of the previous one.
     */
    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<JsonObject> chunk = List.copyOf(pending);
        List<Long> lines = List.copyOf(pendingLines);
        pending.clear();
        pendingLines.clear();
        String group = groupId;
        Map<String, String> offered = Map.copyOf(keys);
        Instant now = clock.now();
        CompletableFuture<Verified> next = CompletableFuture.supplyAsync(
                () -> new Verified(chunk, lines, verifier.checkArriving(chunk, group, offered, now), now));
        storeVerified();
        verifying = next;
    }

    private record Verified(List<JsonObject> chunk, List<Long> lines, List<EventVerifier.Verdict> verdicts,
                            Instant at) {
    }

    private void storeVerified() {
        if (verifying == null) {
            return;
        }
        Verified v;
        try {
            v = verifying.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            verifying = null;
        }
        if (hive == null) {
            hive = hives.byGroup(groupId).orElse(null);
        }
        if (hive == null) {
            for (Long line : v.lines()) {
                reject(new Rejection(line, "group " + groupId + " is unknown here and the file has no header"));
            }
            return;
        }
        List<JsonObject> taken = new ArrayList<>();
        List<EventVerifier.Verdict> takenVerdicts = new ArrayList<>();
        for (int i = 0; i < v.chunk().size(); i++) {
            EventVerifier.Verdict verdict = v.verdicts().get(i);
            if (verdict instanceof EventVerifier.Invalid invalid) {
                reject(new Rejection(v.lines().get(i), invalid.reason()));
            } else {
                taken.add(v.chunk().get(i));
                takenVerdicts.add(verdict);
                if (verdict instanceof EventVerifier.Valid valid && valid.event().type() == EventType.DECISION_RECORDED
                        && state.entity(groupId, decisionKey(valid.event())).isEmpty()) {
                    unknownDecisions.add(decisionKey(valid.event()));
                }
            }
        }
        EventIntake.Report report = intake.take(EventIntake.IMPORT, groupId, taken, takenVerdicts, v.at(), () -> {
        });
        newEvents += report.accepted();
        duplicates += report.duplicate();
        deferred += report.deferred();
        refused += report.refused();
        unknownDecisions.stream().filter(k -> state.entity(groupId, k).isPresent())
                .forEach(k -> newDecisions.add(k.id()));
        unknownDecisions.clear();
    }

    ImportReport finish() {
        flush();
        storeVerified();
        // Chunks report their rejections a chunk late: list them in line order.
        rejected.sort(java.util.Comparator.comparingLong(Rejection::line));
        if (groupId == null) {
            return new ImportReport("", 0, 0, 0, 0, 0, rejectedCount, rejected);
        }
        long flagged = 0;
        if (!newDecisions.isEmpty()) {
            List<Contradiction> contradictions = DecisionLinks.contradictions(state.entities(groupId, EntityKind.DECISION),
                    state.entities(groupId, EntityKind.REVIEW));
            flagged = newDecisions.stream().filter(d -> contradictions.stream()
                    .anyMatch(c -> !c.resolved() && (c.decisionA().equals(d) || c.decisionB().equals(d)))).count();
        }
        ImportReport report = new ImportReport(groupId, newEvents, duplicates, deferred, refused, flagged, rejectedCount,
                List.copyOf(rejected));
        audit.record("import", Optional.of(groupId), "admin",
                JsonObject.builder().put("new", newEvents).put("duplicate", duplicates).put("flagged", flagged)
                        .put("rejected", rejectedCount).build());
        return report;
    }

    private static EntityKey decisionKey(Event recorded) {
        return new EntityKey(EntityKind.DECISION, HiveRules.decisionId(recorded));
    }
}
