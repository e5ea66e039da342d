package org.hivemesh.application.content;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventType;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.hive.HiveRules;

/**
 * Adoption (F043): the history of an independently created hive — another lineage — re-issued into a group by this
 * instance, keeping authors and HLCs; what the group already holds is recognised by content and skipped
 * ({@link Reissue}). Re-issuing is deterministic, so adopting the same history twice adds nothing.
 */
public final class Adoption {
    private static final int PAGE = 1000;

    private final EventStore events;
    private final EventWriter writer;
    private final HiveStore hives;
    private final Audit audit;
    private final InstanceIdentity self;

    /** What an adoption did: events stored, creations already there by content or events already there by ID. */
    public record Result(long newEvents, long duplicates, long refused, List<String> newDecisionIds) {
        public Result {
            newDecisionIds = List.copyOf(newDecisionIds);
        }
    }

    @Inject
    public Adoption(EventStore events, EventWriter writer, HiveStore hives, Audit audit, InstanceIdentity self) {
        this.events = events;
        this.writer = writer;
        this.hives = hives;
        this.audit = audit;
        this.self = self;
    }

    /** Re-issues {@code foreign} (verified events of another lineage) into the hive's group; call in a transaction. */
    public Result adopt(HiveRecord into, List<Event> foreign, String fromLineage) {
        Reissue.Result reissued = new Reissue(into.groupId(), self.instanceId(), log(into.groupId())).of(foreign);
        EventWriter.Stored stored = writer.signAndStore(into, reissued.events());
        List<String> decisions = stored.appended().newEvents().stream()
                .filter(e -> e.type() == EventType.DECISION_RECORDED).map(HiveRules::decisionId).toList();
        Result result = new Result(stored.appended().stored().size(),
                reissued.duplicates() + stored.appended().duplicates(), stored.refused().size(), decisions);
        audit.record("adopted", Optional.of(into.groupId()), "admin", JsonObject.builder().put("from_lineage", fromLineage)
                .put("events", foreign.size()).put("new", result.newEvents()).put("duplicate", result.duplicates())
                .build());
        return result;
    }

    /**
     * Points a hive that was never shared at the group {@code into} names, and re-issues its own history there (the
     * first sync of a store that recorded offline); call in a transaction.
     */
    public Result rehome(HiveRecord local, HiveRecord into) {
        List<Event> history = log(local.groupId());
        hives.rehome(into);
        return adopt(hives.byName(into.name()).orElseThrow(), history, local.groupId());
    }

    private List<Event> log(String groupId) {
        List<Event> log = new ArrayList<>();
        long cursor = 0;
        for (List<StoredEvent> page = events.read(groupId, 0, PAGE); !page.isEmpty();
             page = events.read(groupId, cursor, PAGE)) {
            page.forEach(s -> log.add(s.event()));
            cursor = page.get(page.size() - 1).seq();
        }
        return log;
    }
}
