package org.hivemesh.application.portability;

import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.hivemesh.application.content.EventWriter;
import org.hivemesh.application.content.HiveAccess;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.portability.port.in.PortabilityUseCases;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.EventIntake;
import org.hivemesh.application.sync.EventVerifier;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

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
        JsonlImport importer = new JsonlImport(intoGroup, hives, state, intake, verifier, transactions, audit, clock);
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
}
