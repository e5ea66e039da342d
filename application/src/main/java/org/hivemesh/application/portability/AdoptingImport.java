package org.hivemesh.application.portability;

import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hivemesh.application.content.Adoption;
import org.hivemesh.application.content.HiveAccess;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.portability.port.in.AdoptionUseCase;
import org.hivemesh.application.portability.port.in.PortabilityUseCases;
import org.hivemesh.application.portability.port.in.PortabilityUseCases.ImportReport;
import org.hivemesh.application.portability.port.in.PortabilityUseCases.Rejection;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.EventVerifier;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.hive.Contradiction;
import org.hivemesh.domain.hive.DecisionLinks;
import org.hivemesh.domain.hive.EntityKind;
import org.hivemesh.domain.peer.InstanceIds;

/**
 * Reads a whole foreign export, verifies it, and adopts it in one transaction. The foreign lineage is held in memory
 * until it is re-issued: re-issuing rewrites references, which needs every creation first.
 */
public final class AdoptingImport implements AdoptionUseCase {
    private final HiveAccess access;
    private final StateStore state;
    private final EventVerifier verifier;
    private final Adoption adoption;
    private final Transactions transactions;
    private final Clock clock;

    @Inject
    public AdoptingImport(HiveAccess access, StateStore state, EventVerifier verifier, Adoption adoption,
                          Transactions transactions, Clock clock) {
        this.access = access;
        this.state = state;
        this.verifier = verifier;
        this.adoption = adoption;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public ImportReport adoptLines(InputStream jsonl, String intoGroup) {
        HiveRecord into = access.hiveOfGroup(intoGroup);
        List<JsonObject> wires = new ArrayList<>();
        List<Long> lineNumbers = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>();
        List<Rejection> rejected = new ArrayList<>();
        long rejectedCount = 0;
        String lineage = null;
        Utf8Lines lines = new Utf8Lines(jsonl);
        long number = 0;
        for (Utf8Lines.Line line = lines.next(); line != null; line = lines.next()) {
            number++;
            String problem = null;
            if (line instanceof Utf8Lines.Malformed malformed) {
                problem = "not UTF-8 (invalid byte sequence at byte " + malformed.offset() + " of the line)";
            } else if (line instanceof Utf8Lines.Text text && !text.text().isBlank()) {
                try {
                    JsonObject json = Json.parseObject(text.text());
                    if (json.get(PortabilityService.HEADER).isPresent()) {
                        continue;
                    }
                    String group = json.optionalString("group").orElse("");
                    if (lineage == null) {
                        lineage = group;
                    }
                    if (group.equals(intoGroup)) {
                        problem = "event is of this group already: import it without adopt";
                    } else if (!group.equals(lineage)) {
                        problem = "event is for group " + group + ", this file's lineage is " + lineage;
                    } else {
                        offeredKey(json, keys);
                        wires.add(json);
                        lineNumbers.add(number);
                    }
                } catch (IllegalArgumentException e) {
                    problem = "not a JSON object (truncated or corrupt line): " + e.getMessage();
                }
            }
            if (problem != null) {
                rejectedCount++;
                if (rejected.size() < PortabilityUseCases.MAX_DETAILS) {
                    rejected.add(new Rejection(number, problem));
                }
            }
        }
        List<Event> foreign = new ArrayList<>();
        if (!wires.isEmpty()) {
            List<EventVerifier.Verdict> verdicts = verifier.check(wires, lineage, keys, clock.now());
            for (int i = 0; i < verdicts.size(); i++) {
                EventVerifier.Verdict verdict = verdicts.get(i);
                String problem = verdict instanceof EventVerifier.Invalid invalid ? invalid.reason()
                        : verdict instanceof EventVerifier.TooEarly ? "its clock is too far ahead of ours; adopt the file again later"
                        : null;
                if (problem == null) {
                    foreign.add(((EventVerifier.Valid) verdict).event());
                } else {
                    rejectedCount++;
                    if (rejected.size() < PortabilityUseCases.MAX_DETAILS) {
                        rejected.add(new Rejection(lineNumbers.get(i), problem));
                    }
                }
            }
        }
        if (lineage == null) {
            throw HivemeshException.invalid("the file holds no events to adopt");
        }
        String fromLineage = lineage;
        Adoption.Result adopted = transactions.inTransaction(() -> adoption.adopt(into, foreign, fromLineage));
        long flagged = flagged(state, intoGroup, adopted.newDecisionIds());
        rejected.sort((a, b) -> Long.compare(a.line(), b.line()));
        return new ImportReport(intoGroup, adopted.newEvents(), adopted.duplicates(), 0, adopted.refused(), flagged,
                rejectedCount, List.copyOf(rejected));
    }

    /** How many of the adopted decisions stand in an open contradiction with another decision of the group. */
    static long flagged(StateStore state, String groupId, List<String> newDecisionIds) {
        List<Contradiction> contradictions = DecisionLinks.contradictions(state.entities(groupId, EntityKind.DECISION),
                state.entities(groupId, EntityKind.REVIEW));
        return newDecisionIds.stream().filter(d -> contradictions.stream()
                .anyMatch(c -> !c.resolved() && (c.decisionA().equals(d) || c.decisionB().equals(d)))).count();
    }

    private static void offeredKey(JsonObject json, Map<String, String> keys) {
        json.optionalString("key").ifPresent(key -> json.optionalString("origin").ifPresent(origin -> {
            try {
                if (InstanceIds.matches(origin, HexFormat.of().parseHex(key))) {
                    keys.putIfAbsent(origin, key);
                }
            } catch (IllegalArgumentException notHex) {
                // a key that is not hex offers nothing: the event is then rejected for lack of a key
            }
        }));
    }
}
