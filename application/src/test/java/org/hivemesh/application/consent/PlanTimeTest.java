package org.hivemesh.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hivemesh.application.consent.Governed.refused;

import java.time.Duration;
import java.time.Instant;
import org.hivemesh.application.consent.port.out.ConsentStore.Notification;
import org.hivemesh.application.fakes.ForeignInstance;
import org.hivemesh.application.fakes.TestConsent;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.domain.consent.ApprovalRound;
import org.hivemesh.domain.consent.ApprovalStatus;
import org.hivemesh.domain.consent.MergePlan;
import org.junit.jupiter.api.Test;

/** Plans with the passage of time applied: the 30-day window, and pruning members silent past prune_after. */
class PlanTimeTest {
    private static final Duration PRUNE_AFTER = Duration.ofHours(2);

    private static Governed governed(Duration pruneAfter) {
        return new Governed(TestSync.Settings.defaults().with(TestConsent.Settings.defaults().pruneAfter(pruneAfter)));
    }

    private static MergePlan current(Governed gov, String planId) {
        return gov.owner.consent.decisions.plans(gov.group).stream().filter(p -> p.planId().equals(planId)).findFirst()
                .orElseThrow();
    }

    @Test
    void anApprovedJoinNotTakenUpWithinTheWindowLapsesAndTheNextJoinNeedsANewRound() {
        Governed gov = governed(Duration.ofDays(60));
        ForeignInstance newcomer = gov.stranger();
        String planId = gov.askToJoin(newcomer);
        gov.approveByEveryone(planId);
        assertThat(gov.plan(planId).status()).isEqualTo(ApprovalStatus.APPROVED);

        gov.owner.app.clock.advance(ApprovalRound.WINDOW);

        HivemeshException refusal = refused(() -> gov.handshake(newcomer), HivemeshException.Kind.FORBIDDEN, planId);
        assertThat(refusal.code()).isEqualTo("join_expired");
        assertThat(gov.plan(planId).status()).as("stored as lapsed").isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(gov.audited("merge_plan_lapsed")).containsExactly("admin");
        assertThat(gov.owner.sync.peerByInstance(newcomer.instanceId)
                .flatMap(p -> gov.owner.sync.findLink(p.peerId(), gov.group))).as("not admitted").isEmpty();
        String next = gov.askToJoinAgain(newcomer);
        assertThat(next).isNotEqualTo(planId);
        assertThat(gov.plan(next).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void anApprovedJoinTakenUpWithinTheWindowAdmits() {
        Governed gov = governed(Duration.ofDays(60));
        ForeignInstance newcomer = gov.stranger();
        String planId = gov.askToJoin(newcomer);
        gov.approveByEveryone(planId);

        gov.owner.app.clock.advance(ApprovalRound.WINDOW.minusMillis(1));

        assertThat(gov.handshake(newcomer).syncToken()).isNotBlank();
        assertThat(gov.plan(planId).status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void aPlanExpiresThirtyDaysAfterItsRoundStartedAndTheJoinerThenGetsANewPlan() {
        Governed gov = governed(Duration.ofDays(60));
        ForeignInstance member = gov.admitClient();
        ForeignInstance newcomer = gov.stranger();
        String planId = gov.askToJoin(newcomer);
        Instant opened = gov.owner.app.clock.now();
        gov.owner.consent.decisions.approve(planId);
        assertThat(gov.plan(planId).round().expiresAt()).isEqualTo(opened.plus(ApprovalRound.WINDOW));

        gov.owner.app.clock.advance(ApprovalRound.WINDOW.minusMillis(1));
        assertThat(current(gov, planId).status()).isEqualTo(ApprovalStatus.PENDING);
        gov.owner.app.clock.advance(Duration.ofMillis(1));
        assertThat(current(gov, planId).status()).isEqualTo(ApprovalStatus.EXPIRED);
        Governed.State expired = gov.state();

        HivemeshException late = refused(() -> gov.answer(member, planId, true), HivemeshException.Kind.CONFLICT,
                "the plan is expired");
        assertThat(late.code()).isEqualTo("plan_not_open");
        refused(() -> gov.owner.consent.decisions.approve(planId), HivemeshException.Kind.CONFLICT, "expired");
        assertThat(gov.state()).isEqualTo(expired);

        gov.retryIsTurnedDown(newcomer, planId, "join_expired");
        String next = gov.askToJoinAgain(newcomer);

        assertThat(next).isNotEqualTo(planId);
        MergePlan fresh = gov.plan(next);
        assertThat(fresh.round().roundStartedAt()).isEqualTo(gov.owner.app.clock.now());
        assertThat(fresh.round().expiresAt()).isEqualTo(gov.owner.app.clock.now().plus(ApprovalRound.WINDOW));
        assertThat(fresh.round().waitingFor()).containsExactlyInAnyOrder(gov.owner.id(), member.instanceId);
        assertThat(gov.plan(planId).status()).isEqualTo(ApprovalStatus.EXPIRED);
    }

    @Test
    void anApprovalJustInsideTheWindowStillCounts() {
        Governed gov = governed(Duration.ofDays(60));
        ForeignInstance member = gov.admitClient();
        String planId = gov.askToJoin(gov.stranger());
        gov.owner.consent.decisions.approve(planId);

        gov.owner.app.clock.advance(ApprovalRound.WINDOW.minusMillis(1));
        gov.answer(member, planId, true);

        assertThat(gov.plan(planId).status()).isEqualTo(ApprovalStatus.APPROVED);
        gov.owner.app.clock.advance(Duration.ofDays(1));
        assertThat(current(gov, planId).status()).as("an approved plan does not expire").isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void silentMembersArePrunedAfterPruneAfterWithOneNotificationEachAndTheWindowIsKept() {
        Governed gov = governed(PRUNE_AFTER);
        TestSync member = gov.admit("member");
        ForeignInstance quiet = gov.admitClient();
        ForeignInstance quieter = gov.admitClient();
        ForeignInstance newcomer = gov.stranger();
        String planId = gov.askToJoin(newcomer);
        MergePlan opened = gov.plan(planId);
        gov.owner.consent.decisions.approve(planId);
        gov.owner.app.clock.advance(Duration.ofHours(1));
        member.consent.decisions.approve(planId);

        gov.owner.app.clock.advance(PRUNE_AFTER.minus(Duration.ofHours(1)).minusMillis(1));
        assertThat(current(gov, planId).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(gov.owner.consent.store.notifications(gov.group)).isEmpty();
        gov.owner.app.clock.advance(Duration.ofMillis(1));

        MergePlan pruned = current(gov, planId);

        assertThat(pruned.round().pruned()).containsExactlyInAnyOrder(quiet.instanceId, quieter.instanceId);
        assertThat(pruned.round().approvals()).containsOnlyKeys(gov.owner.id(), member.id());
        assertThat(pruned.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(pruned.round().roundStartedAt()).isEqualTo(opened.round().roundStartedAt());
        assertThat(pruned.round().expiresAt()).isEqualTo(opened.round().expiresAt());
        assertThat(gov.owner.consent.store.notifications(gov.group)).extracting(Notification::recipient)
                .containsExactlyInAnyOrder(quiet.instanceId, quieter.instanceId);
        assertThat(gov.owner.consent.store.notifications(gov.group)).allSatisfy(n -> {
            assertThat(n.message()).contains(planId, "rejoin");
            assertThat(n.createdAt()).isEqualTo(gov.owner.app.clock.now());
        });
        assertThat(gov.owner.consent.rosterLog.roster(gov.group).active()).as("pruned from the plan, not from the group")
                .contains(quiet.instanceId, quieter.instanceId);

        gov.owner.app.clock.advance(Duration.ofDays(1));
        gov.owner.consent.decisions.plans(gov.group);
        gov.handshake(newcomer);

        assertThat(gov.owner.consent.store.notifications(gov.group)).as("one notification each").hasSize(2);
        assertThat(gov.owner.consent.rosterLog.roster(gov.group).active()).contains(newcomer.instanceId);
    }

    @Test
    void aPrunedMembersLateAnswerIsRefusedAndChangesNothing() {
        Governed gov = governed(PRUNE_AFTER);
        ForeignInstance quiet = gov.admitClient();
        ForeignInstance other = gov.admitClient();
        String planId = gov.askToJoin(gov.stranger());
        gov.answer(other, planId, true);
        gov.owner.app.clock.advance(PRUNE_AFTER);
        gov.owner.consent.decisions.plans(gov.group);
        Governed.State after = gov.state();

        refused(() -> gov.answer(quiet, planId, true), HivemeshException.Kind.CONFLICT, "the plan is approved");

        assertThat(gov.state()).isEqualTo(after);
        assertThat(gov.plan(planId).round().pruned()).containsExactlyInAnyOrder(quiet.instanceId, gov.owner.id());
    }

    @Test
    void theJoinersHandshakeAppliesThePruningItself() {
        Governed gov = governed(PRUNE_AFTER);
        ForeignInstance quiet = gov.admitClient();
        ForeignInstance newcomer = gov.stranger();
        String planId = gov.askToJoin(newcomer);
        gov.owner.consent.decisions.approve(planId);
        gov.owner.app.clock.advance(PRUNE_AFTER);

        gov.handshake(newcomer);

        assertThat(gov.plan(planId).round().pruned()).containsExactly(quiet.instanceId);
        assertThat(gov.owner.consent.rosterLog.roster(gov.group).active()).contains(newcomer.instanceId);
        assertThat(gov.owner.consent.store.notifications(gov.group)).extracting(Notification::recipient)
                .containsExactly(quiet.instanceId);
    }

    @Test
    void aMembersCopyOfARemotePlanIsLeftToTheOwnersClock() {
        Governed gov = governed(PRUNE_AFTER);
        TestSync member = gov.admit("member");
        String planId = gov.askToJoin(gov.stranger());

        member.app.clock.advance(ApprovalRound.WINDOW.plusDays(1));

        assertThat(member.consent.decisions.plans(gov.group)).filteredOn(p -> p.planId().equals(planId)).singleElement()
                .satisfies(copy -> {
                    assertThat(copy.status()).isEqualTo(ApprovalStatus.PENDING);
                    assertThat(copy.round().pruned()).isEmpty();
                });
        assertThat(member.consent.store.notifications(gov.group)).isEmpty();
    }
}
