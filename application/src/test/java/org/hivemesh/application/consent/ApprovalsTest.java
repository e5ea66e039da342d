package org.hivemesh.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hivemesh.application.consent.Governed.refused;

import java.util.HexFormat;
import org.hivemesh.application.consent.port.in.PlanProposal;
import org.hivemesh.application.fakes.ForeignInstance;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.AuditLog.AuditRecord;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.HandshakeRequest;
import org.hivemesh.domain.consent.Approval;
import org.hivemesh.domain.consent.ApprovalStatus;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.PlanSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers to a join plan: every roster member's approval is needed, each member answers for itself with an answer
 * signed by its instance, and one rejection ends the plan. The roster here: the owner, a whole instance and a client.
 */
class ApprovalsTest {
    private final Governed gov = new Governed();
    private final TestSync owner = gov.owner;
    private TestSync member;
    private ForeignInstance client;
    private ForeignInstance newcomer;
    private String planId;

    @BeforeEach
    void aNewcomerAsksToJoinARosterOfThree() {
        member = gov.admit("member");
        client = gov.admitClient();
        newcomer = gov.stranger();
        planId = gov.askToJoin(newcomer);
    }

    private MergePlan plan() {
        return gov.plan(planId);
    }

    private MergePlan membersCopy() {
        return member.consent.store.plan(planId).orElseThrow();
    }

    @Test
    void thePlanIsApprovedOnlyOnceEveryRosterMemberApproved() {
        assertThat(plan().round().waitingFor()).containsExactlyInAnyOrder(owner.id(), member.id(), client.instanceId);

        owner.consent.decisions.approve(planId);
        assertThat(plan().round().waitingFor()).containsExactlyInAnyOrder(member.id(), client.instanceId);

        MergePlan answered = member.consent.decisions.approve(planId);
        assertThat(answered.kind()).isInstanceOf(MergeKind.Remote.class);
        assertThat(membersCopy().round().approvals()).containsOnlyKeys(member.id());
        assertThat(plan().round().waitingFor()).containsExactly(client.instanceId);
        assertThat(plan().status()).isEqualTo(ApprovalStatus.PENDING);
        refused(() -> gov.handshake(newcomer), HivemeshException.Kind.CONFLICT, client.instanceId);

        gov.answer(client, planId, true);

        assertThat(plan().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(plan().round().approvals()).containsOnlyKeys(owner.id(), member.id(), client.instanceId);
        assertThat(gov.auditOf("merge_plan_approved")).filteredOn(r -> planId.equals(r.details().string("plan_id")))
                .extracting(AuditRecord::actor).containsExactlyInAnyOrder(owner.id(), member.id(), client.instanceId);
        assertThat(gov.auditOf("merge_plan_approved")).filteredOn(r -> !r.actor().equals(owner.id())
                && planId.equals(r.details().string("plan_id"))).allSatisfy(r -> assertThat(r.details().canonical())
                .contains("\"signed\":true"));
        gov.handshake(newcomer);
        assertThat(owner.consent.rosterLog.roster(gov.group).active()).contains(newcomer.instanceId);
    }

    @Test
    void anApprovalFromOutsideThePlansRosterIsRefusedAndChangesNothing() {
        owner.share("lab");
        ForeignInstance outsider = gov.stranger();
        owner.handshakeService.accept(new HandshakeRequest("lab", outsider.instanceId, outsider.keyHex(), null, null),
                outsider.instanceId);
        PeerRecord outsiderPeer = gov.peerAtOwner(outsider.instanceId);
        Governed.State before = gov.state();

        refused(() -> owner.consent.protocol.receiveApproval(outsiderPeer, gov.signed(outsider, planId, true)),
                HivemeshException.Kind.FORBIDDEN, "is not in group " + gov.group);
        assertThat(gov.state()).isEqualTo(before);

        // Linked to the group but not on its roster: the roster decides, not the link.
        owner.sync.link(outsiderPeer.peerId(), gov.group);
        Governed.State linked = gov.state();
        HivemeshException notOnRoster = refused(() -> owner.consent.protocol.receiveApproval(outsiderPeer,
                gov.signed(outsider, planId, true)), HivemeshException.Kind.CONFLICT, "not on the roster of this plan");
        assertThat(notOnRoster.code()).isEqualTo("plan_not_open");
        assertThat(gov.state()).isEqualTo(linked);
    }

    @Test
    void aForgedOrWronglySignedApprovalIsRefusedAndChangesNothing() {
        PeerRecord fromClient = gov.peerAtOwner(client.instanceId);
        ForeignInstance forger = gov.stranger();
        Approval honest = gov.signed(client, planId, true);
        Governed.State before = gov.state();

        refused(() -> owner.consent.protocol.receiveApproval(fromClient, gov.signedBy(forger, client.instanceId, planId,
                true)), HivemeshException.Kind.INVALID, "does not verify against the member's key");
        refused(() -> owner.consent.protocol.receiveApproval(fromClient, new Approval(gov.group, planId,
                client.instanceId, true, gov.signed(client, planId, false).signatureHex())),
                HivemeshException.Kind.INVALID, "does not verify");
        refused(() -> owner.consent.protocol.receiveApproval(fromClient, new Approval(gov.group, planId,
                client.instanceId, true, gov.signed(client, "plan_other", true).signatureHex())),
                HivemeshException.Kind.INVALID, "does not verify");
        refused(() -> owner.consent.protocol.receiveApproval(fromClient, new Approval(gov.group, planId,
                client.instanceId, true, "not hex")), HivemeshException.Kind.INVALID, "signature must be hex");
        refused(() -> owner.consent.protocol.receiveApproval(fromClient, new Approval(gov.group, planId,
                client.instanceId, true, HexFormat.of().formatHex(new byte[64]))), HivemeshException.Kind.INVALID,
                "does not verify");

        assertThat(gov.state()).isEqualTo(before);
        owner.consent.protocol.receiveApproval(fromClient, honest);
        assertThat(plan().round().approvals()).containsOnlyKeys(client.instanceId);
    }

    @Test
    void aMemberAnswersForItselfOnly() {
        PeerRecord fromMember = gov.peerAtOwner(member.id());
        Governed.State before = gov.state();

        refused(() -> owner.consent.protocol.receiveApproval(fromMember, gov.signed(client, planId, true)),
                HivemeshException.Kind.FORBIDDEN, "a member answers for itself only");
        refused(() -> owner.consent.protocol.receiveApproval(fromMember, gov.signed(client, planId, false)),
                HivemeshException.Kind.FORBIDDEN, "a member answers for itself only");

        assertThat(gov.state()).isEqualTo(before);
    }

    @Test
    void aRejectionEndsThePlanAndNoLaterAnswerRevivesIt() {
        owner.consent.decisions.approve(planId);

        MergePlan rejectedHere = member.consent.decisions.reject(planId);

        assertThat(rejectedHere.round().status()).as("the member's copy records its answer")
                .isEqualTo(ApprovalStatus.REJECTED);
        assertThat(plan().status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(gov.audited("merge_plan_rejected")).containsExactly(member.id());
        Governed.State rejected = gov.state();

        HivemeshException late = refused(() -> gov.answer(client, planId, true), HivemeshException.Kind.CONFLICT,
                "the plan is rejected");
        assertThat(late.code()).isEqualTo("plan_not_open");
        refused(() -> owner.consent.decisions.approve(planId), HivemeshException.Kind.CONFLICT, "the plan is rejected");
        assertThat(gov.state()).isEqualTo(rejected);

        gov.retryIsTurnedDown(newcomer, planId, "join_rejected");
        String next = gov.askToJoinAgain(newcomer);
        assertThat(next).as("a joiner whose plan was rejected must start over").isNotEqualTo(planId);
        assertThat(plan().status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(owner.consent.rosterLog.roster(gov.group).active()).doesNotContain(newcomer.instanceId);
    }

    @Test
    void plansComeFromTheOwnerOnlyAndACopyIsTakenOnce() {
        PeerRecord fromMember = gov.peerAtOwner(member.id());
        Governed.State atOwner = gov.state();

        refused(() -> owner.consent.protocol.receiveProposal(fromMember, gov.group, new PlanProposal("plan_forged",
                newcomer.instanceId, PlanSummary.join("event-union", 0, java.util.List.of()))),
                HivemeshException.Kind.FORBIDDEN, "only the owner of a governed group proposes its merge plans");
        assertThat(gov.state()).isEqualTo(atOwner);

        MergePlan copy = membersCopy();
        member.consent.protocol.receiveProposal(member.peerOf(owner), gov.group, new PlanProposal(planId,
                "someone else", PlanSummary.join("event-union", 99, java.util.List.of())));
        assertThat(membersCopy()).as("a proposal that arrives again changes nothing").isEqualTo(copy);
    }

    @Test
    void aMemberWithoutASessionWithTheOwnerCannotAnswerAndItsCopyIsUnchanged() {
        member.sync.savePeer(member.peerOf(owner).withoutOutboundToken());
        MergePlan copy = membersCopy();
        Governed.State atOwner = gov.state();

        HivemeshException refusal = refused(() -> member.consent.decisions.approve(planId),
                HivemeshException.Kind.CONFLICT, "no session with the group's owner");

        assertThat(refusal.code()).isEqualTo("owner_unknown");
        assertThat(membersCopy()).isEqualTo(copy);
        assertThat(gov.state()).isEqualTo(atOwner);
    }

    @Test
    void anAnswerTheOwnerRefusesComesBackAsAConflictAndLeavesTheMembersCopyUnchanged() {
        owner.consent.decisions.reject(planId);
        MergePlan copy = membersCopy();
        Governed.State atOwner = gov.state();

        HivemeshException refusal = refused(() -> member.consent.decisions.approve(planId),
                HivemeshException.Kind.CONFLICT, "the plan is rejected");

        assertThat(refusal.code()).isEqualTo("owner_refused");
        assertThat(membersCopy()).isEqualTo(copy);
        assertThat(gov.state()).isEqualTo(atOwner);
    }

    @Test
    void anAnswerThatCannotReachTheOwnerComesBackAsAConflictAndLeavesTheMembersCopyUnchanged() {
        MergePlan copy = membersCopy();
        gov.network.unplug(owner.endpoint);

        HivemeshException refusal = refused(() -> member.consent.decisions.approve(planId),
                HivemeshException.Kind.CONFLICT, "could not reach the group's owner");

        assertThat(refusal.code()).isEqualTo("owner_unreachable");
        assertThat(membersCopy()).isEqualTo(copy);
        gov.network.listen(owner.endpoint, owner.listener);
        member.consent.decisions.approve(planId);
        assertThat(plan().round().approvals()).containsOnlyKeys(member.id());
    }
}
