package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hivemesh.application.content.HiveAccess;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.port.in.EventExchangeUseCase;
import org.hivemesh.application.sync.port.in.GroupStatus;
import org.hivemesh.application.sync.port.in.InstanceStatus;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.application.sync.port.out.JoinGate;
import org.hivemesh.application.sync.port.out.SyncSignals;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.wire.OversightJson;
import org.hivemesh.domain.consent.MethodLock;
import org.hivemesh.domain.consent.OversightPolicy;
import org.hivemesh.domain.event.Ids;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.group.SyncGroup;

/** Sync groups as the admin manages them: sharing a hive, its method, resyncs, its local log and status. */
public final class GroupAdmin implements SyncGroupsUseCase {
    private final SyncStore sync;
    private final HiveAccess access;
    private final EventStore events;
    private final SyncStatuses statuses;
    private final JoinGate gate;
    private final Transactions transactions;
    private final Audit audit;
    private final Clock clock;
    private final SyncSignals signals;
    private final InstanceIdentity self;
    private final GroupOversight oversight;

    @Inject
    public GroupAdmin(SyncStore sync, HiveAccess access, EventStore events, SyncStatuses statuses, JoinGate gate,
                      Transactions transactions, Audit audit, Clock clock, SyncSignals signals, InstanceIdentity self,
                      GroupOversight oversight) {
        this.oversight = oversight;
        this.sync = sync;
        this.access = access;
        this.events = events;
        this.statuses = statuses;
        this.gate = gate;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.signals = signals;
        this.self = self;
    }

    @Override
    public String groupIdOf(String hiveOrGroup) {
        if (access.hasGroup(hiveOrGroup)) {
            return hiveOrGroup;
        }
        return access.hive(hiveOrGroup).groupId();
    }

    @Override
    public long eventCount(String groupId) {
        return events.count(groupId);
    }

    private void audit(String action, Optional<String> group, JsonObject details) {
        audit.record(action, group, "admin", details);
    }

    @Override
    public GroupStatus createGroup(CreateGroupCommand command) {
        SyncGroup group = transactions.inTransaction(() -> {
            HiveRecord hive = access.hive(command.hiveName());
            if (sync.group(hive.groupId()).isPresent()) {
                throw HivemeshException.conflict("group_exists", "hive '" + hive.name() + "' already has sync group " + hive.groupId());
            }
            SyncGroup created = new SyncGroup(hive.groupId(), hive.name(), hive.ownerInstanceId(), command.consent(),
                    command.method().orElse(SyncGroup.DEFAULT_METHOD), hive.groupId());
            sync.createGroup(created, clock.now());
            oversight.created(created.groupId());
            if (created.consent() == Consent.ROSTER) {
                gate.opened(created);
            }
            audit("group_created", Optional.of(created.groupId()), JsonObject.builder().put("hive", hive.name())
                    .put("consent", created.consent().wire()).build());
            return created;
        });
        return statuses.of(group);
    }

    @Override
    public List<GroupStatus> groups() {
        return sync.groups().stream().map(statuses::of).collect(Collectors.toList());
    }

    @Override
    public GroupStatus group(String groupId) {
        return statuses.of(sync.requireGroup(groupId));
    }

    @Override
    public void deleteGroup(String groupId) {
        transactions.inTransaction(() -> {
            sync.requireGroup(groupId);
            sync.linksOfGroup(groupId).forEach(l -> sync.unlink(l.peerId(), groupId));
            sync.deleteGroup(groupId);
            audit("group_deleted", Optional.of(groupId), JsonObject.builder().build());
            return null;
        });
    }

    @Override
    public GroupStatus changeMethod(String groupId, String method) {
        return changeGroup(groupId, new ChangeGroupCommand(Optional.of(method), Optional.empty()));
    }

    @Override
    public GroupStatus changeGroup(String groupId, ChangeGroupCommand command) {
        if (command.method().isEmpty() && command.oversight().isEmpty()) {
            throw HivemeshException.invalid("give the method, the oversight policy or both to change");
        }
        command.method().ifPresent(m -> Ids.require("method", m));
        transactions.inTransaction(() -> {
            SyncGroup group = sync.requireGroup(groupId);
            Optional<OversightPolicy> policy = command.oversight()
                    .map(change -> GroupOversight.changed(oversight.of(groupId), change));
            if (command.method().isPresent()) {
                String method = command.method().get();
                MethodLock.refusal(!sync.linksOfGroup(groupId).isEmpty(), group.method(), method).ifPresent(reason -> {
                    throw HivemeshException.conflict("method_locked", reason);
                });
                sync.changeMethod(groupId, method);
                audit("method_changed", Optional.of(groupId), JsonObject.builder().put("method", method).build());
            }
            policy.ifPresent(p -> {
                oversight.adopt(groupId, p);
                audit("oversight_changed", Optional.of(groupId), OversightJson.toJson(p));
            });
            return null;
        });
        return statuses.of(sync.requireGroup(groupId));
    }

    @Override
    public void resync(String groupId, String peerId) {
        PeerLink link = sync.findLink(peerId, groupId)
                .orElseThrow(() -> HivemeshException.notFound("peer_link", peerId + " in " + groupId));
        sync.updateLink(link.with(link.cursor().restart(), link.lastSync()));
        audit("resync", Optional.of(groupId), JsonObject.builder().put("peer_id", peerId).build());
        signals.peerChanged(peerId);
    }

    @Override
    public List<StoredEvent> localEvents(String groupId, long since, int limit) {
        if (limit < 1 || limit > EventExchangeUseCase.MAX_PAGE) {
            throw HivemeshException.invalid("limit must be between 1 and " + EventExchangeUseCase.MAX_PAGE);
        }
        access.hiveOfGroup(groupId);
        return events.read(groupId, since, limit);
    }

    @Override
    public InstanceStatus status() {
        return new InstanceStatus(self.instanceId(), new ArrayList<>(groups()));
    }
}
