package org.hivemesh.application.portability;

import jakarta.inject.Inject;
import java.io.InputStream;
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
import java.util.function.Consumer;
import org.hivemesh.application.content.EventWriter;
import org.hivemesh.application.content.HiveAccess;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.portability.port.in.PortabilityUseCases;
import org.hivemesh.application.shared.Secrets;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.EventIntake;
import org.hivemesh.application.sync.EventVerifier;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventType;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.hive.Contradiction;
import org.hivemesh.domain.hive.DecisionLinks;
import org.hivemesh.domain.hive.EntityKey;
import org.hivemesh.domain.hive.EntityKind;
import org.hivemesh.domain.hive.HiveRules;
import org.hivemesh.domain.peer.InstanceIds;

public final class PortabilityService implements PortabilityUseCases {
    static final String HEADER = "hivemesh_export";
    private static final int CHUNK = 500;

    private final HiveStore hives;
    private final HiveAccess access;
    private final EventStore events;
    private final StateStore state;
    private final SyncStore sync;
    private final EventIntake intake;
    private final EventVerifier verifier;
    private final EventWriter writer;
    private final Transactions transactions;
    private final Audit audit;
    private final Clock clock;

    @Inject
    public PortabilityService(HiveStore hives, HiveAccess access, EventStore events, StateStore state, SyncStore sync,
                              EventIntake intake, EventVerifier verifier, EventWriter writer, Transactions transactions, Audit audit,
                              Clock clock) {
        this.hives = hives;
        this.access = access;
        this.events = events;
        this.state = state;
        this.sync = sync;
        this.intake = intake;
        this.verifier = verifier;
        this.writer = writer;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void export(String groupId, long since, Consumer<String> lines) {
        HiveRecord hive = access.hiveOfGroup(groupId);
        lines.accept(JsonObject.builder().put(HEADER, JsonObject.builder().put("version", 1).put("group", groupId)
                .put("hive_name", hive.name()).put("owner_instance_id", hive.ownerInstanceId())
                .put("owner_agent_id", hive.ownerAgentId()).put("since", since).build()).build().canonical());
        long cursor = since;
        while (true) {
            List<StoredEvent> page = events.read(groupId, cursor, CHUNK);
            if (page.isEmpty()) {
                return;
            }
            Map<String, String> keys = verifier.keysFor(page.stream().map(StoredEvent::event).toList());
            for (StoredEvent stored : page) {
                JsonValue.Builder line = JsonObject.builder();
                stored.event().toJson().members().forEach(line::put);
                Optional.ofNullable(keys.get(stored.event().origin())).ifPresent(k -> line.put("key", k));
                lines.accept(line.build().canonical());
            }
            cursor = page.get(page.size() - 1).seq();
        }
    }

    @Override
    public ImportReport importLines(InputStream jsonl, Optional<String> intoGroup) {
        Importer importer = new Importer(intoGroup);
        Utf8Lines lines = new Utf8Lines(jsonl);
        long number = 0;
        for (Utf8Lines.Line line = lines.next(); line != null; line = lines.next()) {
            number++;
            if (line instanceof Utf8Lines.Text text) {
                importer.line(number, text.text());
            } else if (line instanceof Utf8Lines.Malformed malformed) {
                importer.reject(new Rejection(number, "not UTF-8 (invalid byte sequence at byte "
                        + malformed.offset() + " of the line)"));
            }
        }
        return importer.finish();
    }

    /** One import: lines are checked and stored in chunks, so memory stays flat whatever the input size. */
    private static EntityKey decisionKey(Event recorded) {
        return new EntityKey(EntityKind.DECISION, HiveRules.decisionId(recorded));
    }

    private final class Importer {
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

        Importer(Optional<String> intoGroup) {
            this.intoGroup = intoGroup;
            this.groupId = intoGroup.orElse(null);
        }

        private void reject(Rejection rejection) {
            rejectedCount++;
            if (rejected.size() < MAX_DETAILS) {
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
            if (json.get(HEADER).isPresent()) {
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
            if (pending.size() >= CHUNK) {
                flush();
            }
        }

        private void header(long number, JsonObject json) {
            JsonObject header = json.object(HEADER);
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
                    () -> new Verified(chunk, lines, verifier.check(chunk, group, offered, now), now));
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
    }
}
