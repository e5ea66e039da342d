package org.hivemesh.application.consent;

import jakarta.inject.Inject;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.application.consent.port.in.ConsentProtocolUseCases;
import org.hivemesh.application.consent.port.in.PlanProposal;
import org.hivemesh.application.consent.port.in.RosterProtocolUseCase;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.GroupOversight;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.OversightJson;
import org.hivemesh.application.sync.port.wire.RosterMessage;
import org.hivemesh.domain.consent.Approval;
import org.hivemesh.domain.consent.ApprovalRound;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.Roster;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.SyncGroup;

/**
 * What members of a governed group accept from each other: plans and rosters from the group's owner only, and
 * answers from each member for itself, signed by its instance. The caller is linked to the group in every case.
 */
public final class ConsentProtocol implements ConsentProtocolUseCases, RosterProtocolUseCase {
    private final SyncStore sync;
    private final ConsentStore store;
    private final PlanBook plans;
    private final Signatures signatures;
    private final Transactions transactions;
    private final Audit audit;
    private final Clock clock;
    private final InstanceIdentity self;
    private final OversightStaging staging;
    private final Admission admission;
    private final GroupOversight oversight;

    @Inject
    public ConsentProtocol(SyncStore sync, ConsentStore store, PlanBook plans, Signatures signatures,
                           Transactions transactions, Audit audit, Clock clock, InstanceIdentity self,
                           OversightStaging staging, Admission admission, GroupOversight oversight) {
        this.oversight = oversight;
        this.staging = staging;
        this.admission = admission;
        this.sync = sync;
        this.store = store;
        this.plans = plans;
        this.signatures = signatures;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.self = self;
    }

    private SyncGroup fromOwner(PeerRecord from, String groupId, String what) {
        sync.requireLink(from, groupId);
        SyncGroup group = sync.requireGroup(groupId);
        String owner = admission.ownerOf(groupId);
        if (!from.instanceId().map(owner::equals).orElse(false)) {
            throw HivemeshException.forbidden("only the owner of a governed group " + what);
        }
        return group;
    }

    /** A member's copy of a plan its group's owner proposed; approving it sends a signed approval to the owner. */
    @Override
    public void receiveProposal(PeerRecord from, String groupId, PlanProposal proposal) {
        SyncGroup group = fromOwner(from, groupId, "proposes its merge plans");
        if (store.plan(proposal.planId()).isPresent()) {
            return;
        }
        store.savePlan(new MergePlan(proposal.planId(), groupId,
                new MergeKind.Remote(proposal.joiner(), from.instanceId().orElseThrow()), proposal.summary(),
                ApprovalRound.open(proposal.planId(), Set.of(self.instanceId()), false, clock.now()), clock.now()));
    }

    /** A member takes the roster from the group's owner, and only from it. */
    @Override
    public void receiveRoster(PeerRecord from, String groupId, RosterMessage roster) {
        fromOwner(from, groupId, "sends its roster");
        transactions.inTransaction(() -> {
            Roster.Change change = store.roster(groupId).towards(roster.members(), clock.now());
            change.leaving().forEach(m -> store.removeRosterMember(groupId, m));
            change.joining().forEach(m -> store.saveRosterMember(groupId, m));
            roster.oversight().filter(policy -> !policy.equals(oversight.of(groupId))).ifPresent(policy -> {
                oversight.adopt(groupId, policy);
                audit.record("oversight_adopted", Optional.of(groupId), from.instanceId().orElse(from.peerId()),
                        OversightJson.toJson(policy));
            });
            return null;
        });
    }

    /**
     * The owner takes a member's signed answer, checked against the member's key; the answer that approves a join
     * plan signs the joiner onto the roster, so every member can admit it from then on.
     */
    @Override
    public void receiveApproval(PeerRecord from, Approval approval) {
        sync.requireLink(from, approval.groupId());
        if (!from.instanceId().map(approval.member()::equals).orElse(false)) {
            throw HivemeshException.forbidden("a member answers for itself only");
        }
        byte[] key = HexFormat.of().parseHex(from.signingKey().orElseThrow());
        byte[] signature;
        try {
            signature = HexFormat.of().parseHex(approval.signatureHex());
        } catch (IllegalArgumentException notHex) {
            throw HivemeshException.invalid("signature must be hex");
        }
        if (!signatures.verify(key, approval.signingBytes(), signature)) {
            throw HivemeshException.invalid("the approval's signature does not verify against the member's key");
        }
        staging.current(approval.planId(), approval.groupId());
        transactions.inTransaction(() -> {
            MergePlan plan = plans.current(store.plan(approval.planId()).filter(p -> p.groupId().equals(approval.groupId()))
                    .orElseThrow(() -> HivemeshException.notFound("merge_plan", approval.planId())));
            ApprovalRound.Outcome outcome = approval.approved() ? plan.round().approve(approval.member(), clock.now())
                    : plan.round().reject(approval.member(), clock.now());
            if (outcome instanceof ApprovalRound.Refused refused) {
                throw HivemeshException.conflict("plan_not_open", refused.reason());
            }
            plans.save(plan, outcome.record());
            // A content merge the roster oversees merges once the last member approved; a join waits for the joiner.
            staging.execute(plan.withRound(outcome.record()));
            admission.admitApproved(sync.requireGroup(approval.groupId()), plan.withRound(outcome.record()));
            audit.record(approval.approved() ? "merge_plan_approved" : "merge_plan_rejected",
                    Optional.of(approval.groupId()), approval.member(), JsonObject.builder()
                            .put("plan_id", approval.planId()).put("signed", true).build());
            return null;
        });
    }
}
