package org.hivemesh.domain.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsentRulesTest {
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    private static ApprovalRound open(boolean oversight, String... roster) {
        return ApprovalRound.open("plan_1", Set.of(roster), oversight, T0);
    }

    @Test
    void approvedOnlyWhenEveryRosterMemberApproved() {
        ApprovalRound record = open(false, "a", "b");

        ApprovalRound afterA = record.approve("a", T0.plusSeconds(1)).record();
        ApprovalRound afterB = afterA.approve("b", T0.plusSeconds(2)).record();

        assertThat(afterA.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(afterA.waitingFor()).containsExactly("b");
        assertThat(afterB.status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void oneRejectionRejectsAndStrangersAreRefused() {
        ApprovalRound record = open(false, "a", "b");

        assertThat(record.approve("mallory", T0)).isInstanceOf(ApprovalRound.Refused.class);
        assertThat(record.reject("b", T0).record().status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(record.reject("b", T0).record().approve("a", T0)).isInstanceOf(ApprovalRound.Refused.class);
    }

    @Test
    void theWindowExpiresAfterThirtyDays() {
        ApprovalRound record = open(false, "a", "b").approve("a", T0).record();

        ApprovalRound.Outcome late = record.approve("b", T0.plus(Duration.ofDays(30)));

        assertThat(late).isInstanceOf(ApprovalRound.Refused.class);
        assertThat(late.record().status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(record.approve("b", T0.plus(Duration.ofDays(30)).minusSeconds(1)).record().status())
                .isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void aMemberThatIsNeverPrunedKeepsTheRoundWaitingHoweverSilent() {
        ApprovalRound record = open(false, "a", "b", "c").approve("b", T0.plusSeconds(5)).record();

        ApprovalRound ticked = record.tick(T0.plus(Duration.ofHours(5)), ApprovalRound.PRUNE_AFTER, Set.of("a")).record();

        assertThat(ticked.pruned()).containsExactly("c");
        assertThat(ticked.waitingFor()).containsExactly("a");
        assertThat(ticked.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(ticked.approve("a", T0.plus(Duration.ofHours(6))).record().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void silentMembersArePrunedAfterFourHoursWithoutInvalidatingTheWindow() {
        ApprovalRound record = open(false, "a", "b", "c").approve("a", T0.plusSeconds(5)).record();

        ApprovalRound early = record.tick(T0.plus(Duration.ofHours(4)).minusSeconds(1), ApprovalRound.PRUNE_AFTER).record();
        ApprovalRound pruned = record.tick(T0.plus(Duration.ofHours(4)), ApprovalRound.PRUNE_AFTER).record();

        assertThat(early.pruned()).isEmpty();
        assertThat(pruned.pruned()).containsExactly("b", "c");
        assertThat(pruned.approvals()).containsKey("a");
        assertThat(pruned.expiresAt()).isEqualTo(record.expiresAt());
        assertThat(pruned.status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void aRosterChangeStartsANewRoundButPruningDoesNot() {
        ApprovalRound record = open(false, "a", "b").approve("a", T0.plusSeconds(5)).record();

        ApprovalRound changed = record.rosterChanged(Set.of("a", "b", "d"), T0.plus(Duration.ofDays(2))).record();

        assertThat(changed.approvals()).isEmpty();
        assertThat(changed.roster()).containsExactlyInAnyOrder("a", "b", "d");
        assertThat(changed.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(32)));
        assertThat(changed.status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void anApprovedPlanIsUsedUpWhenItsMemberLeaves() {
        ApprovalRound approved = open(false, "a").approve("a", T0).record();

        assertThat(approved.revoke().record().status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(open(false, "a").revoke()).isInstanceOf(ApprovalRound.Refused.class);
    }

    @Test
    void oversightComesAfterTheRoster() {
        ApprovalRound approvedByRoster = open(true, "a").approve("a", T0).record();

        assertThat(approvedByRoster.status()).isEqualTo(ApprovalStatus.AWAITING_OVERSIGHT);
        assertThat(approvedByRoster.oversee(true, T0).record().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(approvedByRoster.oversee(false, T0).record().status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(open(true, "a").oversee(true, T0)).isInstanceOf(ApprovalRound.Refused.class);
    }

    @Test
    void unsharedWorkIsContributedBeforeCatchingUp() {
        assertThat(Reciprocity.decide(0)).isInstanceOf(Reciprocity.CatchUpNow.class);
        assertThat(Reciprocity.decide(3)).isInstanceOfSatisfying(Reciprocity.ContributeFirst.class,
                d -> assertThat(d.reason()).contains("3 local events"));
    }

    @Test
    void theMethodIsLockedWhileCollaborationIsActive() {
        assertThat(MethodLock.refusal(true, "event-union", "other")).hasValueSatisfying(r -> assertThat(r).contains("liberate"));
        assertThat(MethodLock.refusal(false, "event-union", "other")).isEmpty();
        assertThat(MethodLock.refusal(true, "event-union", "event-union")).isEmpty();
    }

    @Test
    void oversightTriggersFireOnTheirThresholds() {
        OversightPolicy policy = new OversightPolicy(5, true, true, false, OversightBy.ADMIN);

        assertThat(policy.triggers(new OversightPolicy.Stats(5, 0, 0))).isEmpty();
        assertThat(policy.triggers(new OversightPolicy.Stats(6, 1, 1))).hasSize(3);
        assertThat(OversightPolicy.NONE.triggers(new OversightPolicy.Stats(1000, 3, 3))).isEmpty();
    }

    @Test
    void anOversightPolicyWithANegativeDeleteLimitCannotExist() {
        assertThatThrownBy(() -> OversightPolicy.NONE.withMaxDeletes(-1)).hasMessageContaining("max_deletes");
        assertThat(OversightBy.fromWire("roster")).isEqualTo(OversightBy.ROSTER);
        assertThatThrownBy(() -> OversightBy.fromWire("owner")).hasMessageContaining("'admin' or 'roster'");
    }
}
