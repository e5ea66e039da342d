package org.hivemesh.application.consent;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.hivemesh.domain.peer.PeerStatus;

/** The roster of a governed group as this instance sees it, and removing a member. */
public final class Rosters implements RosterUseCase, GovernanceView {
    private final ConsentStore store;
    private final SyncStore sync;
    private final PlanBook plans;
    private final MemberMessages messages;
    private final Transactions transactions;
    private final Audit audit;
    private final InstanceIdentity self;

    @Inject
    public Rosters(ConsentStore store, SyncStore sync, PlanBook plans, MemberMessages messages, Transactions transactions,
                   Audit audit, InstanceIdentity self) {
        this.self = self;
        this.store = store;
        this.sync = sync;
        this.plans = plans;
        this.messages = messages;
        this.transactions = transactions;
        this.audit = audit;
    }

    @Override
    public Roster roster(String groupId) {
        Roster stored = store.roster(groupId);
        List<RosterMember> view = new ArrayList<>();
        for (RosterMember member : stored.members()) {
            view.add(member.state() == MemberState.ACTIVE && unreachable(member.instanceId())
                    ? member.withState(MemberState.OFFLINE) : member);
        }
        // Only the owner knows how a join plan ended; a member's copy of the proposal can be stale.
        boolean owned = sync.group(groupId).map(g -> g.ownerInstanceId().equals(self.instanceId())).orElse(false);
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
            if (!store.roster(groupId).contains(instanceId)) {
                throw HivemeshException.notFound("roster_member", instanceId);
            }
            store.removeRosterMember(groupId, instanceId);
            sync.peerByInstance(instanceId).ifPresent(p -> sync.unlink(p.peerId(), groupId));
            transactions.afterCommit(() -> messages.broadcastRoster(groupId));
            store.plans(groupId).stream()
                    .filter(p -> p.isJoinOf(instanceId) && p.status() == ApprovalStatus.APPROVED)
                    .forEach(p -> plans.save(p, p.round().revoke().record()));
            plans.newRound(groupId, store.roster(groupId).active(), Optional.empty());
            audit.record("roster_member_removed", Optional.of(groupId), "admin",
                    JsonObject.builder().put("instance_id", instanceId).build());
            return null;
        });
    }

    @Override
    public List<String> activeRoster(String groupId) {
        return List.copyOf(store.roster(groupId).active());
    }

    @Override
    public int pendingPlans(String groupId) {
        return (int) store.plans(groupId).stream().filter(MergePlan::isOpen).count();
    }
}
