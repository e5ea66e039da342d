package org.hivemesh.application.consent.port.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.application.consent.port.in.PlanProposal;
import org.hivemesh.domain.consent.Approval;
import org.hivemesh.domain.consent.ApprovalRound;
import org.hivemesh.domain.consent.ApprovalStatus;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.PlanConflict;
import org.hivemesh.domain.consent.PlanSummary;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonFieldException;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.testing.Events;
import org.junit.jupiter.api.Test;

/** The JSON of plans, rounds, proposals and approvals reads back as what was written, from its bytes. */
class ConsentJsonTest {
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    static JsonObject bytes(JsonObject json) {
        return Json.parseObject(json.canonical());
    }

    /** As the consent store reads a plan back: its kind and peer, the plan JSON, and the round JSON. */
    static MergePlan readBack(MergePlan plan) {
        JsonObject json = bytes(ConsentJson.plan(plan));
        String peer = json.string("peer_instance_id");
        MergeKind kind = switch (json.string("kind")) {
            case "join" -> new MergeKind.Join(peer);
            case "merge" -> new MergeKind.ContentMerge(peer, ConsentJson.heldEvents(json));
            // The proposer is not part of the plan's JSON; the store keeps it in a column of its own.
            case "remote" -> new MergeKind.Remote(peer, ((MergeKind.Remote) plan.kind()).proposedBy());
            default -> throw new AssertionError("unknown kind " + json.string("kind"));
        };
        return new MergePlan(plan.planId(), plan.groupId(), kind, ConsentJson.summary(json),
                ConsentJson.round(bytes(ConsentJson.round(plan.round()))), plan.createdAt());
    }

    private static final PlanSummary BUSY = new PlanSummary("event-union", 3, 1, 2, 2,
            List.of(new PlanConflict("post:p1", "ev_1", "LWW per field by (HLC, event ID)")), 1, 1, 1,
            List.of("1 deletes (more than 0)", "moderation changes"));

    private static ApprovalRound round(ApprovalStatus status) {
        return new ApprovalRound("plan_1", Set.of("inst_a", "inst_b", "inst_c"), Map.of("inst_a", T0.plusSeconds(5)),
                Set.of("inst_c"), T0, T0.plus(ApprovalRound.WINDOW), true, status);
    }

    private static Event post(String title) {
        return Events.event("inst_b", T0.toEpochMilli(), new EventPayload.PostCreated(title, Optional.of("body"),
                Optional.empty(), Events.agent("inst_b", "bob")));
    }

    @Test
    void everyKindOfPlanReadsBackFromItsJson() {
        List<MergePlan> plans = List.of(
                new MergePlan("plan_1", "grp_1", new MergeKind.Join("inst_j"),
                        PlanSummary.join("event-union", 7, List.of("every join (oversight_on_join)")),
                        round(ApprovalStatus.PENDING), T0),
                new MergePlan("plan_1", "grp_1", new MergeKind.ContentMerge("inst_b", List.of(post("one"), post("two"))),
                        BUSY, round(ApprovalStatus.AWAITING_OVERSIGHT), T0),
                new MergePlan("plan_1", "grp_1", new MergeKind.Remote("inst_j", "inst_owner"), PlanSummary.join("lww", 0,
                        List.of()), round(ApprovalStatus.REJECTED), T0));

        for (MergePlan plan : plans) {
            assertThat(readBack(plan)).isEqualTo(plan);
        }
    }

    @Test
    void everyStatusOfARoundReadsBack() {
        for (ApprovalStatus status : ApprovalStatus.values()) {
            ApprovalRound round = round(status);

            JsonObject json = bytes(ConsentJson.round(round));

            assertThat(ConsentJson.round(json)).isEqualTo(round);
            assertThat(json.string("status")).isEqualTo(status.wire());
        }
    }

    @Test
    void thePlanJsonShowsTheDryRunAndForAHeldMergeItsEvents() {
        Event held = post("held");
        MergePlan merge = new MergePlan("plan_1", "grp_1", new MergeKind.ContentMerge("inst_b", List.of(held)), BUSY,
                round(ApprovalStatus.AWAITING_OVERSIGHT), T0);

        JsonObject plan = bytes(ConsentJson.plan(merge));
        JsonObject round = bytes(ConsentJson.round(merge.round()));

        assertThat(plan.string("kind")).isEqualTo("merge");
        assertThat(plan.string("peer_instance_id")).isEqualTo("inst_b");
        assertThat(plan.number("deletes")).isEqualTo(1);
        assertThat(plan.required("requires_oversight")).isEqualTo(JsonValue.of(true));
        assertThat(plan.strings("oversight_triggers")).containsExactly("1 deletes (more than 0)", "moderation changes");
        assertThat(plan.objects("conflicts")).singleElement().satisfies(c -> {
            assertThat(c.string("entity")).isEqualTo("post:p1");
            assertThat(c.string("event")).isEqualTo("ev_1");
            assertThat(c.string("rule")).isEqualTo("LWW per field by (HLC, event ID)");
        });
        assertThat(ConsentJson.heldEvents(plan)).containsExactly(held);
        assertThat(round.strings("waiting_for")).containsExactly("inst_b");
        assertThat(round.object("approvals").string("inst_a")).isEqualTo(T0.plusSeconds(5).toString());
        assertThat(round.string("expires_at")).isEqualTo(T0.plus(ApprovalRound.WINDOW).toString());
        assertThat(bytes(ConsentJson.plan(new MergePlan("plan_2", "grp_1", new MergeKind.Join("inst_j"), BUSY,
                round(ApprovalStatus.PENDING), T0))).get("events")).as("only a held merge lists events").isEmpty();
    }

    @Test
    void whatAnOlderInstanceLeftOutReadsAsNothing() {
        PlanSummary summary = ConsentJson.summary(Json.parseObject("{}"));

        assertThat(summary).isEqualTo(new PlanSummary("event-union", 0, 0, 0, 0, List.of(), 0, 0, 0, List.of()));
        assertThat(summary.requiresOversight()).isFalse();
        assertThat(ConsentJson.heldEvents(Json.parseObject("{\"kind\":\"merge\"}"))).isEmpty();
        assertThat(ConsentJson.round(Json.parseObject("{\"plan_id\":\"plan_1\",\"approvals\":{},"
                + "\"round_started_at\":\"2026-11-27T12:00:00Z\",\"expires_at\":\"2026-12-27T12:00:00Z\","
                + "\"requires_oversight\":false,\"status\":\"pending\"}"))).satisfies(r -> {
                    assertThat(r.roster()).isEmpty();
                    assertThat(r.pruned()).isEmpty();
                    assertThat(r.status()).isEqualTo(ApprovalStatus.PENDING);
                });
    }

    @Test
    void aMalformedFieldIsRefusedByName() {
        String round = "{\"plan_id\":\"plan_1\",\"approvals\":%s,\"round_started_at\":\"2026-11-27T12:00:00Z\","
                + "\"expires_at\":\"2026-12-27T12:00:00Z\",\"requires_oversight\":%s,\"status\":\"pending\"}";

        assertThatThrownBy(() -> ConsentJson.round(Json.parseObject(String.format(round, "{\"inst_a\":5}", "false"))))
                .isInstanceOfSatisfying(JsonFieldException.class, e -> assertThat(e.field()).isEqualTo("approvals"));
        assertThatThrownBy(() -> ConsentJson.round(Json.parseObject(String.format(round, "{}", "\"no\""))))
                .isInstanceOfSatisfying(JsonFieldException.class, e -> assertThat(e.field())
                        .isEqualTo("requires_oversight"));
        assertThatThrownBy(() -> ConsentJson.approval("grp_1", Json.parseObject("{\"plan_id\":\"plan_1\","
                + "\"member\":\"inst_a\",\"approved\":\"true\",\"signature\":\"00\"}")))
                .isInstanceOfSatisfying(JsonFieldException.class, e -> assertThat(e.field()).isEqualTo("approved"));
        assertThatThrownBy(() -> ConsentJson.approval("grp_1", Json.parseObject("{\"plan_id\":\"plan_1\","
                + "\"approved\":true,\"signature\":\"00\"}")))
                .isInstanceOfSatisfying(JsonFieldException.class, e -> assertThat(e.field()).isEqualTo("member"));
        assertThatThrownBy(() -> ConsentJson.proposal(Json.parseObject("{\"plan_id\":\"plan_1\","
                + "\"peer_instance_id\":\"inst_j\"}")))
                .isInstanceOfSatisfying(JsonFieldException.class, e -> assertThat(e.field()).isEqualTo("plan"));
    }

    @Test
    void aProposalCarriesThePlanAndAnApprovalItsSignedAnswerButNotTheGroup() {
        MergePlan plan = new MergePlan("plan_1", "grp_1", new MergeKind.Join("inst_j"), BUSY, round(ApprovalStatus.PENDING),
                T0);
        Approval approval = new Approval("grp_1", "plan_1", "inst_a", false, "ab".repeat(64));

        JsonObject proposal = bytes(ConsentJson.proposal(plan));
        JsonObject answer = bytes(ConsentJson.approval(approval));

        assertThat(ConsentJson.proposal(proposal)).isEqualTo(new PlanProposal("plan_1", "inst_j", BUSY));
        assertThat(proposal.string("kind")).isEqualTo("join");
        assertThat(answer.members().keySet()).containsExactlyInAnyOrder("plan_id", "member", "approved", "signature");
        assertThat(ConsentJson.approval("grp_1", answer)).isEqualTo(approval);
        assertThat(ConsentJson.approval("grp_2", answer).groupId()).as("the group is the one it was sent to")
                .isEqualTo("grp_2");
    }
}
