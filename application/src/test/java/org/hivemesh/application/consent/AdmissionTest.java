package org.hivemesh.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hivemesh.application.consent.Governed.refused;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hivemesh.application.fakes.ForeignInstance;
import org.hivemesh.application.fakes.TestConsent;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.AuditLog.AuditRecord;
import org.hivemesh.application.sync.HandshakeService;
import org.hivemesh.application.sync.port.wire.HandshakeRequest;
import org.hivemesh.domain.consent.ApprovalStatus;
import org.hivemesh.domain.consent.MemberState;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.RosterMember;
import org.junit.jupiter.api.Test;

/** The join gate of a governed group: who is admitted at once, who gets a join plan, and when it admits. */
class AdmissionTest {
    private final Governed gov = new Governed();
    private final TestSync owner = gov.owner;

    @Test
    void aGovernedGroupStartsWithItsOwnerAsTheWholeRoster() {
        assertThat(owner.consent.rosterLog.roster(gov.group).members()).extracting(RosterMember::instanceId,
                RosterMember::state).containsExactly(tuple(owner.id(), MemberState.ACTIVE));
        assertThat(owner.consent.store.plans(gov.group)).isEmpty();
    }

    @Test
    void aMemberIsAdmittedAtOnceWithoutAPlanEvenAfterItLeft() {
        ForeignInstance member = gov.admitClient();
        owner.peerGroups.leave(gov.peerAtOwner(member.instanceId), gov.group);
        assertThat(owner.sync.peerByInstance(member.instanceId)).as("a client that left everything is forgotten")
                .isEmpty();
        List<MergePlan> plans = owner.consent.store.plans(gov.group);

        assertThat(gov.handshake(member).syncToken()).isNotBlank();
        assertThat(gov.handshake(member).syncToken()).isNotBlank();

        assertThat(owner.sync.findLink(gov.peerAtOwner(member.instanceId).peerId(), gov.group)).isPresent();
        assertThat(owner.consent.store.plans(gov.group)).isEqualTo(plans);
        assertThat(gov.audited("merge_plan_opened")).containsExactly(member.instanceId);
    }

    @Test
    void aNewcomerGetsOneJoinPlanWhateverTheNumberOfRetries() {
        TestSync member = gov.admit("member");
        int proposalsBefore = owner.transport.calls("proposePlan").size();
        ForeignInstance newcomer = gov.stranger();

        String first = gov.askToJoin(newcomer);
        for (int retry = 0; retry < 5; retry++) {
            owner.app.clock.advance(Duration.ofMinutes(10));
            HivemeshException pending = refused(() -> gov.handshake(newcomer), HivemeshException.Kind.CONFLICT, first);
            assertThat(pending.getMessage()).contains(owner.id(), member.id());
        }

        assertThat(owner.consent.store.plans(gov.group)).filteredOn(p -> p.isJoinOf(newcomer.instanceId)).singleElement()
                .satisfies(plan -> {
                    assertThat(plan.planId()).isEqualTo(first);
                    assertThat(plan.kind()).isEqualTo(new MergeKind.Join(newcomer.instanceId));
                    assertThat(plan.round().roster()).containsExactlyInAnyOrder(owner.id(), member.id());
                    assertThat(plan.status()).isEqualTo(ApprovalStatus.PENDING);
                });
        assertThat(gov.audited("merge_plan_opened")).filteredOn(newcomer.instanceId::equals).hasSize(1);
        assertThat(owner.transport.calls("proposePlan")).hasSize(proposalsBefore + 1)
                .last().satisfies(c -> assertThat(c.syncEndpoint()).isEqualTo(member.endpoint));
        assertThat(member.consent.store.plans(gov.group)).filteredOn(p -> p.planId().equals(first)).singleElement()
                .satisfies(copy -> assertThat(copy.kind()).isEqualTo(new MergeKind.Remote(newcomer.instanceId, owner.id())));
        assertThat(owner.sync.peerByInstance(newcomer.instanceId)).as("a pending joiner is no peer yet").isEmpty();
    }

    @Test
    void aMemberTheProposalDidNotReachGetsItOnTheOwnersNextRoundAndOnlyOnce() {
        TestSync member = gov.admit("member");
        owner.transport.failNext(call -> call.operation().equals("proposePlan"), new IllegalStateException("connection reset"));
        int proposalsBefore = owner.transport.calls("proposePlan").size();

        String plan = gov.askToJoin(gov.stranger());
        assertThat(member.consent.store.plan(plan)).as("the proposal was lost").isEmpty();

        owner.rounds.syncWith(owner.peerOf(member).peerId());
        assertThat(member.consent.store.plan(plan)).isPresent();
        owner.rounds.syncWith(owner.peerOf(member).peerId());
        assertThat(owner.transport.calls("proposePlan")).as("one lost, one taken, none after").hasSize(proposalsBefore + 2);
    }

    @Test
    void aNewcomerIsAdmittedOnTheHandshakeAfterTheRosterApproved() {
        ForeignInstance newcomer = gov.stranger();
        String planId = gov.askToJoin(newcomer);

        MergePlan approved = owner.consent.decisions.approve(planId);

        assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(owner.consent.rosterLog.roster(gov.group).active()).as("admission waits for the handshake")
                .containsExactly(owner.id());
        assertThat(gov.auditOf("merge_executed")).isEmpty();
        String digest = owner.digest(gov.group);

        assertThat(gov.handshake(newcomer).syncGroupId()).isEqualTo(gov.group);

        assertThat(owner.consent.rosterLog.roster(gov.group).active()).containsExactlyInAnyOrder(owner.id(),
                newcomer.instanceId);
        assertThat(owner.sync.findLink(gov.peerAtOwner(newcomer.instanceId).peerId(), gov.group)).isPresent();
        assertThat(gov.auditOf("merge_executed")).singleElement().satisfies(record -> {
            assertThat(record.details().string("plan_id")).isEqualTo(planId);
            assertThat(record.details().string("outcome")).isEqualTo("admitted " + newcomer.instanceId);
            assertThat(record.details().string("digest_before")).isEqualTo(digest);
            assertThat(record.details().string("digest_after")).isEqualTo(owner.digest(gov.group));
        });
        assertThat(gov.plan(planId).status()).isEqualTo(ApprovalStatus.APPROVED);

        gov.handshake(newcomer);

        assertThat(gov.auditOf("merge_executed")).as("a member's later handshakes merge nothing").hasSize(1);
    }

    @Test
    void admittingAMemberStartsANewRoundForTheOtherOpenJoinPlans() {
        ForeignInstance early = gov.stranger();
        ForeignInstance late = gov.stranger();
        String earlyPlan = gov.askToJoin(early);
        owner.app.clock.advance(Duration.ofHours(1));
        String latePlan = gov.askToJoin(late);
        owner.consent.decisions.approve(earlyPlan);
        owner.app.clock.advance(Duration.ofHours(1));

        gov.handshake(early);

        MergePlan renewed = gov.plan(latePlan);
        assertThat(renewed.round().roster()).containsExactlyInAnyOrder(owner.id(), early.instanceId);
        assertThat(renewed.round().approvals()).isEmpty();
        assertThat(renewed.round().roundStartedAt()).isEqualTo(owner.app.clock.now());
        assertThat(gov.plan(earlyPlan).status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void theMaxPeersBoundCountsOpenJoinPlansAndARefusalOpensNothing() {
        Governed small = new Governed(TestSync.Settings.defaults().with(new HandshakeService.Settings(
                HandshakeService.Settings.DEFAULT_SYNC_TOKEN_TTL, 2)));
        small.admitClient();
        ForeignInstance second = small.stranger();
        String secondPlan = small.askToJoin(second);
        ForeignInstance third = small.stranger();
        Governed.State full = small.state();

        refused(() -> small.handshake(third), HivemeshException.Kind.FORBIDDEN, "max_peers_per_group");

        assertThat(small.state()).isEqualTo(full);

        small.owner.consent.decisions.reject(secondPlan);
        String thirdPlan = small.askToJoin(third);

        assertThat(small.plan(thirdPlan).round().waitingFor()).contains(small.owner.id());
        refused(() -> small.handshake(small.stranger()), HivemeshException.Kind.FORBIDDEN, "max_peers_per_group");
    }

    @Test
    void onlyTheOwnerOpensJoinPlansAMemberRefusesNewcomers() {
        TestSync member = gov.admit("member");
        ForeignInstance newcomer = gov.stranger();
        Governed.State atMember = gov.state(member);
        Governed.State atOwner = gov.state();

        refused(() -> member.handshakeService.accept(new HandshakeRequest(Governed.HIVE, newcomer.instanceId,
                newcomer.keyHex(), null, null), newcomer.instanceId), HivemeshException.Kind.FORBIDDEN,
                "newcomers open their join plan with its owner " + owner.id());

        assertThat(gov.state(member)).isEqualTo(atMember);
        assertThat(gov.state()).isEqualTo(atOwner);
    }

    @Test
    void withOversightOnJoinTheAdminDecidesAfterTheRoster() {
        Governed overseen = new Governed(TestSync.Settings.defaults().with(
                TestConsent.Settings.defaults().oversightOnJoin(true)));
        ForeignInstance newcomer = overseen.stranger();
        String planId = overseen.askToJoin(newcomer);
        assertThat(overseen.plan(planId).summary().oversightTriggers()).containsExactly("every join (oversight_on_join)");

        MergePlan afterRoster = overseen.owner.consent.decisions.approve(planId);

        assertThat(afterRoster.status()).isEqualTo(ApprovalStatus.AWAITING_OVERSIGHT);
        HivemeshException pending = refused(() -> overseen.handshake(newcomer), HivemeshException.Kind.CONFLICT, planId);
        assertThat(pending.code()).isEqualTo("approval_pending");
        assertThat(overseen.owner.consent.rosterLog.roster(overseen.group).active()).doesNotContain(newcomer.instanceId);

        assertThat(overseen.owner.consent.decisions.approve(planId).status()).isEqualTo(ApprovalStatus.APPROVED);
        overseen.handshake(newcomer);

        assertThat(overseen.owner.consent.rosterLog.roster(overseen.group).active()).contains(newcomer.instanceId);
        assertThat(overseen.auditOf("merge_executed")).extracting(AuditRecord::actor).containsExactly(overseen.owner.id());
    }

    @Test
    void theGroupsStatusShowsTheRosterAndTheOpenPlans() {
        ForeignInstance member = gov.admitClient();
        gov.askToJoin(gov.stranger());
        gov.askToJoin(gov.stranger());

        assertThat(Set.copyOf(owner.consent.rosters.activeRoster(gov.group))).containsExactlyInAnyOrder(owner.id(),
                member.instanceId);
        assertThat(owner.consent.rosters.pendingPlans(gov.group)).isEqualTo(2);
        assertThat(owner.statuses.of(owner.sync.requireGroup(gov.group))).satisfies(status -> {
            assertThat(status.roster()).containsExactlyInAnyOrder(owner.id(), member.instanceId);
            assertThat(status.pendingPlans()).isEqualTo(2);
        });
    }
}
