package org.hivemesh.application.consent;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.consent.port.wire.ConsentJson;
import org.hivemesh.application.content.MergeAudit;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.GroupOversight;
import org.hivemesh.application.sync.port.out.JoinGate;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.consent.ApprovalRound;
import org.hivemesh.domain.consent.ApprovalStatus;
import org.hivemesh.domain.consent.MemberState;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.PlanSummary;
import org.hivemesh.domain.consent.Roster;
import org.hivemesh.domain.consent.RosterMember;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.SyncGroup;

/**
 * Joins to a governed group: members are admitted at once, by any active member, since the roster is replicated in
 * the group's log; a newcomer gets (or resumes) a join plan with the owner that the whole roster must approve, and is
 * signed onto the roster once it is approved (on the approval that completes the round, or its next handshake).
 */
public final class Admission implements JoinGate {
    private final ConsentStore store;
    private final PlanBook plans;
    private final SyncStore sync;
    private final EventStore events;
    private final Transactions transactions;
    private final Audit audit;
    private final MergeAudit merges;
    private final MemberMessages messages;
    private final Clock clock;
    private final InstanceIdentity self;
    private final GroupOversight policies;
    private final RosterLog rosters;

    @Inject
    public Admission(ConsentStore store, PlanBook plans, SyncStore sync, EventStore events, Transactions transactions,
                     Audit audit, MergeAudit merges, MemberMessages messages, Clock clock, InstanceIdentity self,
                     GroupOversight policies, RosterLog rosters) {
        this.store = store;
        this.plans = plans;
        this.sync = sync;
        this.events = events;
        this.transactions = transactions;
        this.audit = audit;
        this.merges = merges;
        this.messages = messages;
        this.clock = clock;
        this.self = self;
        this.policies = policies;
        this.rosters = rosters;
    }

    @Override
    public void opened(SyncGroup group) {
        store.saveRosterMember(group.groupId(), new RosterMember(self.instanceId(), MemberState.ACTIVE, clock.now()));
    }

    /**
     * {@code maxPeers} bounds the peers linked here plus the open join plans, so strangers cannot open plans
     * without end (max_peers_per_group).
     */
    @Override
    public Decision decide(SyncGroup group, String joiner, int maxPeers, boolean newPlan) {
        Roster roster = rosters.roster(group.groupId());
        if (roster.isActive(joiner)) {
            return new Admitted();
        }
        if (!rosters.ownedHere(group.groupId())) {
            throw HivemeshException.forbidden("'" + group.hiveName() + "' is a governed group: newcomers open their join "
                    + "plan with its owner " + rosters.owner(group.groupId()).instanceId() + "; once the roster approved it, "
                    + "any member admits them");
        }
        return transactions.inTransaction(() -> {
            Optional<MergePlan> last = plans.lastJoinOf(group.groupId(), joiner).map(this::lapseIfDue);
            if (last.isPresent() && last.get().status() == ApprovalStatus.APPROVED) {
                admit(group, last.get(), joiner);
                return new Admitted();
            }
            if (last.isPresent() && !last.get().isOpen() && !newPlan) {
                String outcome = last.get().status().wire();
                throw new HivemeshException(HivemeshException.Kind.FORBIDDEN, "join_" + outcome, "the join plan "
                        + last.get().planId() + " of " + joiner + " was " + outcome + "; ask to join again to open a new one")
                        .with("plan_id", last.get().planId());
            }
            MergePlan plan = last.filter(MergePlan::isOpen).orElseGet(() -> newJoinPlan(group, joiner, maxPeers, roster));
            return new Pending(plan.planId(), plan.round().waitingFor());
        });
    }

    /** An approved join the joiner did not take up within the window is expired now, and stored so. */
    private MergePlan lapseIfDue(MergePlan plan) {
        ApprovalRound lapsed = plan.round().lapsed(clock.now());
        if (lapsed.equals(plan.round())) {
            return plan;
        }
        plans.save(plan, lapsed);
        audit.record("merge_plan_lapsed", Optional.of(plan.groupId()), "admin", JsonObject.builder()
                .put("plan_id", plan.planId()).build());
        return plan.withRound(lapsed);
    }

    private MergePlan newJoinPlan(SyncGroup group, String joiner, int maxPeers, Roster roster) {
        if (sync.linksOfGroup(group.groupId()).size() + plans.openJoins(group.groupId()) >= maxPeers) {
            throw HivemeshException.forbidden("group " + group.groupId() + " already has " + maxPeers + " peers and open "
                    + "join plans, the most this instance admits (max_peers_per_group)");
        }
        boolean oversight = policies.of(group.groupId()).onJoin();
        PlanSummary summary = PlanSummary.join(group.method(), events.count(group.groupId()),
                oversight ? List.of("every join (oversight_on_join)") : List.of());
        MergePlan plan = plans.open(group.groupId(), new MergeKind.Join(joiner), summary, roster.active(), oversight);
        audit.record("merge_plan_opened", Optional.of(group.groupId()), joiner, JsonObject.builder()
                .put("plan_id", plan.planId()).put("plan", ConsentJson.plan(plan)).build());
        transactions.afterCommit(() -> messages.propose(plan));
        return plan;
    }

    /** The instance that owns the group now, as the roster's log says. */
    public String ownerOf(String groupId) {
        return rosters.owner(groupId).instanceId();
    }

    /** Call inside a transaction: an approved join plan's joiner goes onto the roster, unless it is there already. */
    public void admitApproved(SyncGroup group, MergePlan plan) {
        if (plan.kind() instanceof MergeKind.Join join && plan.status() == ApprovalStatus.APPROVED
                && !rosters.roster(group.groupId()).isActive(join.peerInstanceId())) {
            admit(group, plan, join.peerInstanceId());
        }
    }

    private void admit(SyncGroup group, MergePlan plan, String joiner) {
        merges.around(group.groupId(), self.instanceId(), () -> {
            rosters.admit(group.groupId(), joiner, Optional.of(plan.planId()));
            plans.newRound(group.groupId(), rosters.roster(group.groupId()).active(), Optional.of(plan.planId()));
            transactions.afterCommit(() -> messages.broadcastRoster(group.groupId()));
            return JsonObject.builder().put("plan_id", plan.planId()).put("plan", ConsentJson.plan(plan))
                    .put("method", group.method())
                    .putArray("approvals", plan.round().approvals().keySet().stream().map(JsonValue::of).toList())
                    .putArray("pruned", plan.round().pruned().stream().map(JsonValue::of).toList())
                    .put("outcome", "admitted " + joiner).build();
        });
    }
}
