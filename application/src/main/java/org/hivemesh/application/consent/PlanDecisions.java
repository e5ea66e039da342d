package org.hivemesh.application.consent;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.consent.port.in.MergePlansUseCase;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.domain.consent.ApprovalRound;
import org.hivemesh.domain.consent.ApprovalStatus;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/**
 * This instance's answers to merge plans: its approval as a roster member (sent signed to the owner when the plan is
 * another's), or the admin's oversight decision once the roster approved. An approved content merge merges at once.
 */
public final class PlanDecisions implements MergePlansUseCase {
    private final PlanBook plans;
    private final OversightStaging staging;
    private final MemberMessages messages;
    private final Transactions transactions;
    private final Audit audit;
    private final Clock clock;
    private final InstanceIdentity self;

    @Inject
    public PlanDecisions(PlanBook plans, OversightStaging staging, MemberMessages messages, Transactions transactions,
                         Audit audit, Clock clock, InstanceIdentity self) {
        this.plans = plans;
        this.staging = staging;
        this.messages = messages;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.self = self;
    }

    @Override
    public List<MergePlan> plans(String groupId) {
        return staging.current(groupId);
    }

    @Override
    public MergePlan approve(String planId) {
        return decide(planId, true);
    }

    @Override
    public MergePlan reject(String planId) {
        return decide(planId, false);
    }

    private MergePlan decide(String planId, boolean approve) {
        MergePlan found = plans.require(planId);
        if (found.kind() instanceof MergeKind.Remote remote) {
            messages.answer(found, remote.proposedBy(), approve);
            return answered(found, found.round(), approve);
        }
        staging.current(planId, found.groupId());
        return transactions.inTransaction(() -> {
            MergePlan plan = plans.current(plans.require(planId));
            ApprovalRound round = plan.round();
            ApprovalRound.Outcome outcome = round.status() == ApprovalStatus.AWAITING_OVERSIGHT
                    ? round.oversee(approve, clock.now())
                    : approve ? round.approve(self.instanceId(), clock.now()) : round.reject(self.instanceId(), clock.now());
            if (outcome instanceof ApprovalRound.Refused refused) {
                plans.save(plan, refused.record());
                throw HivemeshException.conflict("plan_not_open", refused.reason());
            }
            MergePlan next = plan.withRound(outcome.record());
            plans.save(plan, outcome.record());
            if (next.status() == ApprovalStatus.APPROVED) {
                staging.execute(next);
            }
            audit.record(approve ? "merge_plan_approved" : "merge_plan_rejected", Optional.of(plan.groupId()),
                    self.instanceId(), JsonObject.builder().put("plan_id", planId).put("status", next.status().wire())
                            .build());
            return next;
        });
    }

    /** This member's copy of a remote plan records its own answer; the owner's copy decides. */
    private MergePlan answered(MergePlan plan, ApprovalRound mine, boolean approve) {
        ApprovalRound next = (approve ? mine.approve(self.instanceId(), clock.now())
                : mine.reject(self.instanceId(), clock.now())).record();
        plans.save(plan, next);
        return plan.withRound(next);
    }
}
