package org.hivemesh.application.consent;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.consent.port.in.NotificationView;
import org.hivemesh.application.consent.port.in.RosterUseCase;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.port.out.GovernanceView;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.consent.ApprovalStatus;
import org.hivemesh.domain.consent.MemberState;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.Roster;
import org.hivemesh.domain.consent.RosterMember;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.hive.HiveOwner;
import org.hivemesh.domain.peer.PeerStatus;

/** The roster of a governed group as its log says and this instance sees it, and removing a member. */
public final class Rosters implements RosterUseCase, GovernanceView {
    private final ConsentStore store;
    private final SyncStore sync;
    private final PlanBook plans;
    private final MemberMessages messages;
    private final Transactions transactions;
    private final Audit audit;
    private final InstanceIdentity self;
    private final RosterLog log;

    @Inject
    public Rosters(ConsentStore store, SyncStore sync, PlanBook plans, MemberMessages messages, Transactions transactions,
                   Audit audit, InstanceIdentity self, RosterLog log) {
        this.self = self;
        this.log = log;
        this.store = store;
        this.sync = sync;
        this.plans = plans;
        this.messages = messages;
        this.transactions = transactions;
        this.audit = audit;
    }

    @Override
    public List<NotificationView> notifications(Optional<String> groupId) {
        List<String> groups = groupId.map(g -> List.of(sync.requireGroup(g).groupId()))
                .orElseGet(() -> sync.groups().stream().map(SyncGroup::groupId).toList());
        return groups.stream().flatMap(g -> store.notifications(g).stream())
                .sorted(Comparator.comparing(ConsentStore.Notification::createdAt)
                        .thenComparing(ConsentStore.Notification::id))
                .map(n -> new NotificationView(n.id(), n.groupId(), n.recipient(), n.message(), n.createdAt())).toList();
    }

    @Override
    public Roster roster(String groupId) {
        Roster stored = log.roster(groupId);
        List<RosterMember> view = new ArrayList<>();
        for (RosterMember member : stored.members()) {
            view.add(member.state() == MemberState.ACTIVE && unreachable(member.instanceId())
                    ? member.withState(MemberState.OFFLINE) : member);
        }
        // Only the owner knows how a join plan ended; a member's copy of the proposal can be stale.
        boolean owned = log.ownedHere(groupId);
        for (MergePlan plan : store.plans(groupId)) {
            if (owned && plan.kind() instanceof MergeKind.Join join && plan.isOpen()
                    && !stored.contains(join.peerInstanceId())) {
                view.add(new RosterMember(join.peerInstanceId(), MemberState.INVITED, plan.createdAt()));
            }
        }
        return new Roster(groupId, view);
    }

    /** Offline is this instance's view: a member it has stopped reaching still counts, it is only shown as such. */
    private boolean unreachable(String instanceId) {
        return sync.peerByInstance(instanceId)
                .map(p -> p.status() == PeerStatus.UNREACHABLE || p.status() == PeerStatus.ERROR).orElse(false);
    }

    @Override
    public void removeMember(String groupId, String instanceId) {
        transactions.inTransaction(() -> {
            if (!log.roster(groupId).contains(instanceId)) {
                throw HivemeshException.notFound("roster_member", instanceId);
            }
            log.remove(groupId, instanceId);
            store.removeRosterMember(groupId, instanceId);
            sync.peerByInstance(instanceId).ifPresent(p -> sync.unlink(p.peerId(), groupId));
            transactions.afterCommit(() -> messages.broadcastRoster(groupId));
            store.plans(groupId).stream()
                    .filter(p -> p.isJoinOf(instanceId) && p.status() == ApprovalStatus.APPROVED)
                    .forEach(p -> plans.save(p, p.round().revoke().record()));
            plans.newRound(groupId, log.roster(groupId).active(), Optional.empty());
            audit.record("roster_member_removed", Optional.of(groupId), "admin",
                    JsonObject.builder().put("instance_id", instanceId).build());
            return null;
        });
    }

    @Override
    public HiveOwner owner(String groupId) {
        sync.requireGroup(groupId);
        return log.owner(groupId);
    }

    @Override
    public HiveOwner transferOwnership(String groupId, String instanceId, Optional<String> agentId) {
        sync.requireGroup(groupId);
        return transactions.inTransaction(() -> {
            log.transfer(groupId, instanceId, agentId.orElse(RosterLog.INSTANCE_AGENT));
            HiveOwner owner = log.owner(groupId);
            audit.record("ownership_transferred", Optional.of(groupId), "admin", JsonObject.builder()
                    .put("instance_id", owner.instanceId()).put("agent_id", owner.agentId()).build());
            return owner;
        });
    }

    @Override
    public List<String> activeRoster(String groupId) {
        return List.copyOf(log.roster(groupId).active());
    }

    @Override
    public int pendingPlans(String groupId) {
        return (int) store.plans(groupId).stream().filter(MergePlan::isOpen).count();
    }
}
