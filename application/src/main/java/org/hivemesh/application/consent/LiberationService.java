package org.hivemesh.application.consent;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.consent.port.in.LiberationUseCase;
import org.hivemesh.application.content.EventWriter;
import org.hivemesh.application.content.HiveAccess;
import org.hivemesh.application.content.Reissue;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdGenerator;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.GroupOversight;
import org.hivemesh.application.sync.SyncStatuses;
import org.hivemesh.application.sync.port.in.GroupStatus;
import org.hivemesh.application.sync.port.out.JoinGate;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.event.UnsignedEvent;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.group.SyncGroup;

/** Liberation (canvas seed): a fork into a new group and lineage owned here; the old lineage is cut off. */
public final class LiberationService implements LiberationUseCase {
    private static final int PAGE = 1000;

    private final SyncStore sync;
    private final HiveAccess access;
    private final HiveStore hives;
    private final EventStore events;
    private final EventWriter writer;
    private final JoinGate gate;
    private final SyncStatuses statuses;
    private final Transactions transactions;
    private final Audit audit;
    private final Clock clock;
    private final IdGenerator ids;
    private final InstanceIdentity self;
    private final GroupOversight oversight;

    @Inject
    public LiberationService(SyncStore sync, HiveAccess access, HiveStore hives, EventStore events, EventWriter writer,
                             JoinGate gate, SyncStatuses statuses, Transactions transactions, Audit audit, Clock clock,
                             IdGenerator ids, InstanceIdentity self, GroupOversight oversight) {
        this.oversight = oversight;
        this.sync = sync;
        this.access = access;
        this.hives = hives;
        this.events = events;
        this.writer = writer;
        this.gate = gate;
        this.statuses = statuses;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
        this.self = self;
    }

    @Override
    public GroupStatus liberate(String groupId) {
        SyncGroup old = sync.requireGroup(groupId);
        HiveRecord hive = access.hiveOfGroup(groupId);
        List<Event> log = new ArrayList<>();
        long cursor = 0;
        for (List<StoredEvent> page = events.read(groupId, 0, PAGE); !page.isEmpty();
             page = events.read(groupId, cursor, PAGE)) {
            page.forEach(s -> log.add(s.event()));
            cursor = page.get(page.size() - 1).seq();
        }
        String newGroupId = ids.id("grp_");
        List<UnsignedEvent> forked = new Reissue(newGroupId, self.instanceId(), List.of()).of(log).events();
        SyncGroup liberated = transactions.inTransaction(() -> {
            sync.linksOfGroup(groupId).forEach(l -> sync.unlink(l.peerId(), groupId));
            sync.deleteGroup(groupId);
            hives.moveToGroup(hive.name(), newGroupId, self.instanceId());
            SyncGroup created = new SyncGroup(newGroupId, hive.name(), self.instanceId(), old.consent(), old.method(),
                    newGroupId);
            sync.createGroup(created, clock.now());
            oversight.adopt(newGroupId, oversight.of(groupId));
            if (created.consent() == Consent.ROSTER) {
                gate.opened(created);
            }
            writer.signAndStore(hives.byName(hive.name()).orElseThrow(), forked);
            audit.record("liberated", Optional.of(newGroupId), "admin", JsonObject.builder().put("from_group", groupId)
                    .put("from_lineage", old.lineage()).put("events", forked.size()).build());
            return created;
        });
        return statuses.of(liberated);
    }
}
