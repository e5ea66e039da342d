package org.hivemesh.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hivemesh.application.consent.Governed.refused;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.fakes.TestConsent;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.AuditLog.AuditRecord;
import org.hivemesh.application.sync.port.wire.PushBatch;
import org.hivemesh.application.sync.port.wire.PushReply;
import org.hivemesh.domain.consent.ApprovalStatus;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.OversightPolicy;
import org.hivemesh.domain.event.Event;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch into a governed group that fires an oversight trigger (here: any delete) is held in a merge plan, not
 * merged and not lost, until the owner's admin decides; it merges exactly once if approved, never if rejected.
 */
class OversightStagingTest {
    private final Governed gov = new Governed(TestSync.Settings.defaults().with(TestConsent.Settings.defaults()
            .with(OversightPolicy.NONE.withMaxDeletes(0))));
    private final TestSync owner = gov.owner;
    private TestSync member;
    private String postId;
    private String digestBefore;
    private long countBefore;
    private Event delete;

    @BeforeEach
    void aMemberDeletesAPostItSharedAndSyncs() {
        member = gov.admit("member");
        postId = member.post(Governed.HIVE, "to be deleted");
        syncMember();
        assertThat(owner.count(gov.group)).as("a quiet batch merges at once").isEqualTo(member.count(gov.group));
        assertThat(mergePlans()).isEmpty();
        digestBefore = owner.digest(gov.group);
        countBefore = owner.count(gov.group);

        member.deletePost(postId);
        delete = membersLastEvent();
        syncMember();
    }

    private void syncMember() {
        member.rounds.syncWith(member.peerOf(owner).peerId());
    }

    private List<MergePlan> mergePlans() {
        return owner.consent.store.plans(gov.group).stream().filter(p -> p.kind() instanceof MergeKind.ContentMerge)
                .toList();
    }

    private MergePlan held() {
        assertThat(mergePlans()).hasSize(1);
        return mergePlans().get(0);
    }

    private Event membersLastEvent() {
        return member.app.stores.events().read(gov.group, member.app.stores.events().currentSeq(gov.group) - 1, 1).get(0)
                .event();
    }

    /** The member sends the held event again, as a push would after a lost reply. */
    private PushReply pushAgain(Event... events) {
        return owner.exchange.receive(gov.peerAtOwner(member.id()), gov.group, new PushBatch(
                List.of(events).stream().map(Event::toJson).toList(),
                Map.of(member.id(), member.app.identity.publicKeyHex()), member.app.stores.events().currentSeq(gov.group)));
    }

    private List<AuditRecord> mergesOf(String planId) {
        return gov.auditOf("merge_executed").stream().filter(r -> r.details().optionalString("plan_id").equals(Optional.of(planId))).toList();
    }

    @Test
    void theBatchIsHeldForOversightAndNotMerged() {
        MergePlan plan = held();

        assertThat(plan.status()).isEqualTo(ApprovalStatus.AWAITING_OVERSIGHT);
        assertThat(plan.kind()).isEqualTo(new MergeKind.ContentMerge(member.id(), List.of(delete)));
        assertThat(plan.summary().deletes()).isEqualTo(1);
        assertThat(plan.summary().oversightTriggers()).containsExactly("1 deletes (more than 0)");
        assertThat(plan.heldEvents()).containsExactly(delete.id());
        assertThat(owner.count(gov.group)).isEqualTo(countBefore);
        assertThat(owner.digest(gov.group)).isEqualTo(digestBefore);
        assertThat(gov.auditOf("merge_plan_opened")).filteredOn(r -> plan.planId().equals(r.details().string("plan_id")))
                .extracting(AuditRecord::actor).containsExactly(member.id());
        assertThat(owner.consent.rosters.pendingPlans(gov.group)).isEqualTo(1);
    }

    @Test
    void heldEventsAreNotStagedTwiceWhenTheyArriveAgainPulledOrPushed() {
        MergePlan plan = held();

        owner.rounds.syncWith(owner.peerOf(member).peerId());
        PushReply again = pushAgain(delete);

        assertThat(again.accepted()).isZero();
        assertThat(mergePlans()).containsExactly(plan);
        assertThat(owner.count(gov.group)).isEqualTo(countBefore);
        assertThat(gov.auditOf("merge_plan_opened")).filteredOn(r -> plan.planId().equals(r.details().string("plan_id")))
                .hasSize(1);
    }

    @Test
    void aLaterBatchCarryingAHeldEventMergesOnlyWhatIsNew() {
        member.post(Governed.HIVE, "quiet");
        Event quiet = membersLastEvent();

        PushReply reply = pushAgain(delete, quiet);

        assertThat(reply.accepted()).isEqualTo(1);
        assertThat(owner.app.stores.events().find(gov.group, quiet.id())).isPresent();
        assertThat(owner.app.stores.events().find(gov.group, delete.id())).isEmpty();
        assertThat(mergePlans()).hasSize(1);
    }

    @Test
    void anApprovedHoldMergesExactlyOnceWithAMergeRecordCarryingTheDigests() {
        MergePlan plan = held();

        MergePlan approved = owner.consent.decisions.approve(plan.planId());

        assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(owner.count(gov.group)).isEqualTo(countBefore + 1);
        assertThat(owner.digest(gov.group)).isEqualTo(member.digest(gov.group)).isNotEqualTo(digestBefore);
        assertThat(mergesOf(plan.planId())).singleElement().satisfies(record -> {
            assertThat(record.actor()).isEqualTo(owner.id());
            assertThat(record.details().string("digest_before")).isEqualTo(digestBefore);
            assertThat(record.details().string("digest_after")).isEqualTo(owner.digest(gov.group));
            assertThat(record.details().string("outcome")).isEqualTo("merged after oversight");
            assertThat(record.details().number("accepted")).isEqualTo(1);
        });
        assertThat(mergePlans()).singleElement().satisfies(p -> assertThat(p.heldEvents()).as("nothing held any more")
                .isEmpty());

        refused(() -> owner.consent.decisions.approve(plan.planId()), HivemeshException.Kind.CONFLICT,
                "the plan is approved");
        PushReply again = pushAgain(delete);
        owner.rounds.syncWith(owner.peerOf(member).peerId());

        assertThat(again.duplicate()).isEqualTo(1);
        assertThat(mergesOf(plan.planId())).hasSize(1);
        assertThat(mergePlans()).hasSize(1);
        assertThat(owner.count(gov.group)).isEqualTo(countBefore + 1);
    }

    @Test
    void aRejectedHoldIsNeverMergedAndComesBackForTheAdminIfSentAgain() {
        MergePlan plan = held();

        MergePlan rejected = owner.consent.decisions.reject(plan.planId());

        assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(gov.audited("merge_plan_rejected")).containsExactly(owner.id());
        assertThat(owner.count(gov.group)).isEqualTo(countBefore);
        assertThat(owner.digest(gov.group)).isEqualTo(digestBefore);
        assertThat(mergesOf(plan.planId())).isEmpty();
        refused(() -> owner.consent.decisions.approve(plan.planId()), HivemeshException.Kind.CONFLICT, "rejected");

        PushReply again = pushAgain(delete);

        assertThat(again.accepted()).isZero();
        assertThat(owner.app.stores.events().find(gov.group, delete.id())).isEmpty();
        assertThat(owner.digest(gov.group)).isEqualTo(digestBefore);
        assertThat(mergePlans()).hasSize(2).filteredOn(MergePlan::isOpen).singleElement()
                .satisfies(p -> assertThat(p.heldEvents()).containsExactly(delete.id()));
        assertThat(gov.auditOf("merge_executed")).filteredOn(r -> r.details().string("outcome")
                .equals("merged after oversight")).isEmpty();
    }

    @Test
    void anOpenGroupMergesWhatWouldFireATriggerAtOnce() {
        String lab = owner.share("lab");
        member.join(owner, "lab");
        String labPost = member.post("lab", "open");
        member.deletePost(labPost);

        member.rounds.syncWith(member.peerOf(owner).peerId());

        assertThat(owner.count(lab)).isEqualTo(member.count(lab));
        assertThat(owner.digest(lab)).isEqualTo(member.digest(lab));
        assertThat(owner.consent.store.plans(lab)).isEmpty();
    }
}
