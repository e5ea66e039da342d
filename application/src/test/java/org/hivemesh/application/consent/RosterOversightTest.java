package org.hivemesh.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hivemesh.application.consent.Governed.refused;

import java.util.List;
import java.util.Optional;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.AuditLog.AuditRecord;
import org.hivemesh.application.sync.port.in.OversightChange;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase.ChangeGroupCommand;
import org.hivemesh.domain.consent.ApprovalStatus;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.junit.jupiter.api.Test;

/**
 * {@code oversight_by}: a content merge that tripped a trigger (here: any delete) is decided by the active roster in
 * an approval round with {@code roster}, and by the holding instance's admin with {@code admin}.
 */
class RosterOversightTest {
    private final Governed gov = new Governed();
    private final TestSync owner = gov.owner;
    private final TestSync member = gov.admit("member");
    private final TestSync other = gov.admit("other");
    private String post;

    private void policy(String by) {
        owner.groups.changeGroup(gov.group, new ChangeGroupCommand(Optional.empty(), Optional.of(new OversightChange(
                Optional.of(0L), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(by)))));
    }

    /** A post of the member's that every member has; returns the owner's digest with it. */
    private String sharedPost() {
        post = member.post(Governed.HIVE, "to be deleted");
        member.rounds.syncWith(member.peerOf(owner).peerId());
        other.rounds.syncWith(other.peerOf(owner).peerId());
        return owner.digest(gov.group);
    }

    /** The member deletes the shared post and pushes the delete to the owner; returns the owner's held plan. */
    private MergePlan memberDeletes() {
        member.deletePost(post);
        member.rounds.syncWith(member.peerOf(owner).peerId());
        List<MergePlan> held = owner.consent.store.plans(gov.group).stream()
                .filter(p -> p.kind() instanceof MergeKind.ContentMerge).toList();
        assertThat(held).hasSize(1);
        return held.get(0);
    }

    /** The member's own signed approval of a plan, as its instance would send it. */
    private org.hivemesh.domain.consent.Approval signedApproval(MergePlan plan) {
        byte[] signature = member.app.signatures.sign(member.app.identity.privateKey(),
                org.hivemesh.domain.consent.Approval.signingBytes(gov.group, plan.planId(), member.id(), true));
        return new org.hivemesh.domain.consent.Approval(gov.group, plan.planId(), member.id(), true,
                java.util.HexFormat.of().formatHex(signature));
    }

    /** The owner approved the member's held delete and the other member stayed silent past consent_prune_after. */
    private MergePlan approvedByTheOwnerAndOtherwiseSilent() {
        policy("roster");
        sharedPost();
        MergePlan plan = memberDeletes();
        owner.consent.decisions.approve(plan.planId());
        owner.app.clock.advance(java.time.Duration.ofHours(4).plusMillis(1));
        return plan;
    }

    /** The plan is approved and its held delete merged at the owner, once. */
    private void mergedOnce(MergePlan plan) {
        assertThat(atOwner(plan).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(owner.digest(gov.group)).isEqualTo(member.digest(gov.group));
        assertThat(overseenMerges()).hasSize(1);
    }

    /** The plan as the owner holds it now. */
    private MergePlan atOwner(MergePlan plan) {
        return owner.consent.store.plan(plan.planId()).orElseThrow();
    }

    /** The member that wrote the held delete answers with its own signed approval, and is turned away. */
    private void theWriterCannotApprove(MergePlan plan) {
        refused(() -> owner.consent.protocol.receiveApproval(gov.peerAtOwner(member.id()), signedApproval(plan)),
                HivemeshException.Kind.CONFLICT, "is not on the roster of this plan");
    }

    private List<AuditRecord> overseenMerges() {
        return gov.auditOf("merge_executed").stream()
                .filter(r -> r.details().optionalString("outcome").equals(Optional.of("merged after oversight"))).toList();
    }

    @Test
    void withRosterTheActiveRosterApprovesTheHeldMergeAndItMergesOnTheLastApproval() {
        policy("roster");
        String digestBefore = sharedPost();

        MergePlan plan = memberDeletes();

        assertThat(plan.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(plan.round().requiresOversight()).isFalse();
        assertThat(plan.round().waitingFor()).as("all but the instance that wrote the delete")
                .containsExactlyInAnyOrder(owner.id(), other.id());
        assertThat(other.consent.store.plan(plan.planId())).as("proposed to the members").isPresent();
        assertThat(member.consent.store.plan(plan.planId())).as("not to the writer").isEmpty();
        assertThat(owner.digest(gov.group)).isEqualTo(digestBefore);

        owner.consent.decisions.approve(plan.planId());
        assertThat(owner.digest(gov.group)).as("one member still to answer").isEqualTo(digestBefore);
        assertThat(overseenMerges()).isEmpty();

        other.consent.decisions.approve(plan.planId());

        assertThat(atOwner(plan).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(owner.digest(gov.group)).isEqualTo(member.digest(gov.group)).isNotEqualTo(digestBefore);
        assertThat(overseenMerges()).singleElement().satisfies(r -> {
            assertThat(r.details().string("plan_id")).isEqualTo(plan.planId());
            assertThat(r.details().string("overseen_by")).isEqualTo("roster");
        });
        refused(() -> owner.consent.decisions.approve(plan.planId()), HivemeshException.Kind.CONFLICT,
                "the plan is approved");
        assertThat(overseenMerges()).hasSize(1);
    }

    @Test
    void withRosterARoundThatPruningCompletesMergesOnTheOwnersNextRoundWithoutAnotherApproval() {
        MergePlan plan = approvedByTheOwnerAndOtherwiseSilent();
        String digestBefore = owner.digest(gov.group);

        assertThat(owner.digest(gov.group)).as("nothing merges before the owner looks or syncs").isEqualTo(digestBefore);
        owner.rounds.syncWith(owner.peerOf(member).peerId());

        MergePlan settled = atOwner(plan);
        assertThat(settled.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(settled.round().pruned()).containsExactly(other.id());
        assertThat(owner.digest(gov.group)).isEqualTo(member.digest(gov.group)).isNotEqualTo(digestBefore);
        assertThat(overseenMerges()).singleElement().satisfies(r -> assertThat(r.details().string("plan_id"))
                .isEqualTo(plan.planId()));

        owner.rounds.syncWith(owner.peerOf(other).peerId());
        assertThat(owner.consent.decisions.plans(gov.group)).filteredOn(p -> p.planId().equals(plan.planId()))
                .singleElement().satisfies(p -> assertThat(p.status()).isEqualTo(ApprovalStatus.APPROVED));
        assertThat(overseenMerges()).as("merged once").hasSize(1);
    }

    @Test
    void aRoundPruningCompletesWhileTheAdminListsThePlansMergesThen() {
        MergePlan plan = approvedByTheOwnerAndOtherwiseSilent();
        String digestBefore = owner.digest(gov.group);

        assertThat(owner.consent.decisions.plans(gov.group)).filteredOn(p -> p.planId().equals(plan.planId()))
                .singleElement().satisfies(p -> assertThat(p.status()).isEqualTo(ApprovalStatus.APPROVED));

        assertThat(owner.digest(gov.group)).isEqualTo(member.digest(gov.group)).isNotEqualTo(digestBefore);
        owner.rounds.syncWith(owner.peerOf(member).peerId());
        assertThat(overseenMerges()).as("merged once").hasSize(1);
    }

    @Test
    void anAnswerThatComesAfterTimeCompletedTheRoundIsRefusedAndTheMergeStands() {
        MergePlan plan = approvedByTheOwnerAndOtherwiseSilent();

        refused(() -> owner.consent.decisions.reject(plan.planId()), HivemeshException.Kind.CONFLICT, "the plan is approved");

        mergedOnce(plan);
    }

    @Test
    void aRosterChangeStartsANewRoundThatStillLeavesTheWriterOut() {
        policy("roster");
        sharedPost();
        MergePlan plan = memberDeletes();
        owner.consent.decisions.approve(plan.planId());

        owner.consent.rosters.removeMember(gov.group, other.id());

        MergePlan after = atOwner(plan);
        assertThat(after.round().roster()).containsExactly(owner.id());
        assertThat(after.round().waitingFor()).containsExactly(owner.id());
        theWriterCannotApprove(plan);
    }

    @Test
    void withAdminARosterChangeLeavesTheHeldMergeToTheAdmin() {
        policy("admin");
        sharedPost();
        MergePlan plan = memberDeletes();

        owner.consent.rosters.removeMember(gov.group, other.id());

        MergePlan after = atOwner(plan);
        assertThat(after.status()).isEqualTo(ApprovalStatus.AWAITING_OVERSIGHT);
        assertThat(after.round().roster()).containsExactly(owner.id());
    }

    @Test
    void silenceAloneMergesNothingTheWriterCannotApproveAndTheOwnerStaysInTheRound() {
        policy("roster");
        String digestBefore = sharedPost();
        MergePlan plan = memberDeletes();

        theWriterCannotApprove(plan);
        owner.app.clock.advance(java.time.Duration.ofHours(4).plusMillis(1));
        owner.rounds.syncWith(owner.peerOf(member).peerId());

        MergePlan after = atOwner(plan);
        assertThat(after.round().pruned()).as("silence prunes the others, never the owner").containsExactly(other.id());
        assertThat(after.status()).as("no one approved").isEqualTo(ApprovalStatus.PENDING);
        assertThat(owner.digest(gov.group)).isEqualTo(digestBefore);
        assertThat(overseenMerges()).isEmpty();

        owner.consent.decisions.approve(plan.planId());

        mergedOnce(plan);
    }

    @Test
    void withRosterOneMembersRejectionKeepsTheHeldEventsOut() {
        policy("roster");
        String digestBefore = sharedPost();
        MergePlan plan = memberDeletes();

        owner.consent.decisions.approve(plan.planId());
        other.consent.decisions.reject(plan.planId());
        member.rounds.syncWith(member.peerOf(owner).peerId());

        assertThat(atOwner(plan).status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(owner.digest(gov.group)).isEqualTo(digestBefore);
        assertThat(overseenMerges()).isEmpty();
    }

    @Test
    void withAdminTheMergeWaitsForTheHoldersAdminAndNoMemberIsAsked() {
        policy("admin");
        String digestBefore = sharedPost();

        MergePlan plan = memberDeletes();

        assertThat(plan.status()).isEqualTo(ApprovalStatus.AWAITING_OVERSIGHT);
        assertThat(plan.round().roster()).containsExactly(owner.id());
        assertThat(other.consent.store.plan(plan.planId())).isEmpty();
        assertThat(owner.digest(gov.group)).isEqualTo(digestBefore);

        owner.consent.decisions.approve(plan.planId());

        assertThat(owner.digest(gov.group)).isEqualTo(member.digest(gov.group));
        assertThat(overseenMerges()).singleElement().satisfies(r -> assertThat(r.details().string("overseen_by"))
                .isEqualTo("admin"));
    }
}
