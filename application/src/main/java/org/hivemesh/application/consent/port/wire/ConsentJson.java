package org.hivemesh.application.consent.port.wire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.hivemesh.application.consent.port.in.PlanProposal;
import org.hivemesh.domain.consent.Approval;
import org.hivemesh.domain.consent.ApprovalRound;
import org.hivemesh.domain.consent.ApprovalStatus;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.PlanConflict;
import org.hivemesh.domain.consent.PlanSummary;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.JsonFieldException;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/**
 * The JSON forms of consent: a plan's dry run and approval round as shown and stored, and the plan proposals and
 * approvals roster members send each other over /sync/v1. One mapping for the HTTP API, the peer client and the
 * store, so the three never drift apart.
 */
public final class ConsentJson {
    private ConsentJson() {
    }

    /** The plan as people see it: its dry run, and for a held content merge the events it holds. */
    public static JsonObject plan(MergePlan plan) {
        JsonValue.Builder json = JsonObject.builder();
        summary(plan.summary()).members().forEach(json::put);
        json.put("kind", plan.kind().wire()).put("peer_instance_id", plan.kind().peerInstanceId());
        if (plan.kind() instanceof MergeKind.ContentMerge merge) {
            json.putArray("events", merge.held().stream().map(Event::toJson).toList());
        }
        return json.build();
    }

    public static JsonObject summary(PlanSummary s) {
        return JsonObject.builder().put("method", s.method()).put("incoming_events", s.incomingEvents())
                .put("outgoing_events", s.outgoingEvents()).put("new_events", s.newEvents())
                .put("entities_changed", s.entitiesChanged())
                .putArray("conflicts", s.conflicts().stream().map(c -> (JsonValue) JsonObject.builder()
                        .put("entity", c.entity()).put("event", c.eventId()).put("rule", c.rule()).build()).toList())
                .put("deletes", s.deletes()).put("moderation_changes", s.moderationChanges())
                .put("contradictions", s.contradictions()).put("requires_oversight", s.requiresOversight())
                .putArray("oversight_triggers", s.oversightTriggers().stream().map(JsonValue::of).toList()).build();
    }

    /** Counts an older instance left out read as 0. */
    public static PlanSummary summary(JsonObject json) {
        List<PlanConflict> conflicts = new ArrayList<>();
        for (JsonObject c : optional(json, "conflicts", json::objects)) {
            conflicts.add(new PlanConflict(c.string("entity"), c.string("event"), c.string("rule")));
        }
        return new PlanSummary(json.optionalString("method").orElse("event-union"), count(json, "incoming_events"),
                count(json, "outgoing_events"), count(json, "new_events"), count(json, "entities_changed"), conflicts,
                count(json, "deletes"), count(json, "moderation_changes"), count(json, "contradictions"),
                optional(json, "oversight_triggers", json::strings));
    }

    /** The events a content merge holds, from its stored plan. */
    public static List<Event> heldEvents(JsonObject plan) {
        return optional(plan, "events", plan::objects).stream().map(Event::fromJson).toList();
    }

    public static JsonObject round(ApprovalRound round) {
        JsonValue.Builder approvals = JsonObject.builder();
        round.approvals().forEach((member, at) -> approvals.put(member, at.toString()));
        return JsonObject.builder().put("plan_id", round.planId())
                .putArray("roster", round.roster().stream().map(JsonValue::of).toList())
                .put("approvals", approvals.build())
                .putArray("pruned", round.pruned().stream().map(JsonValue::of).toList())
                .putArray("waiting_for", round.waitingFor().stream().map(JsonValue::of).toList())
                .put("round_started_at", round.roundStartedAt().toString()).put("expires_at", round.expiresAt().toString())
                .put("requires_oversight", round.requiresOversight()).put("status", round.status().wire()).build();
    }

    public static ApprovalRound round(JsonObject json) {
        Map<String, Instant> approvals = new TreeMap<>();
        json.object("approvals").members().forEach((member, at) -> {
            if (!(at instanceof JsonValue.JsonString s)) {
                throw new JsonFieldException("approvals", "values must be timestamps");
            }
            approvals.put(member, Instant.parse(s.value()));
        });
        return new ApprovalRound(json.string("plan_id"), new TreeSet<>(optional(json, "roster", json::strings)), approvals,
                new TreeSet<>(optional(json, "pruned", json::strings)), Instant.parse(json.string("round_started_at")),
                Instant.parse(json.string("expires_at")), bool(json, "requires_oversight"),
                ApprovalStatus.fromWire(json.string("status")));
    }

    public static JsonObject proposal(MergePlan plan) {
        return JsonObject.builder().put("plan_id", plan.planId()).put("peer_instance_id", plan.kind().peerInstanceId())
                .put("kind", plan.kind().wire()).put("plan", summary(plan.summary())).build();
    }

    public static PlanProposal proposal(JsonObject json) {
        return new PlanProposal(json.string("plan_id"), json.string("peer_instance_id"), summary(json.object("plan")));
    }

    public static JsonObject approval(Approval approval) {
        return JsonObject.builder().put("plan_id", approval.planId()).put("member", approval.member())
                .put("approved", approval.approved()).put("signature", approval.signatureHex()).build();
    }

    /** The group is the one the message was sent to, not a field of it. */
    public static Approval approval(String groupId, JsonObject json) {
        return new Approval(groupId, json.string("plan_id"), json.string("member"), bool(json, "approved"),
                json.string("signature"));
    }

    private static boolean bool(JsonObject json, String field) {
        if (!(json.required(field) instanceof JsonValue.JsonBool b)) {
            throw new JsonFieldException(field, "must be true or false");
        }
        return b.value();
    }

    /** Arrays an older instance left out read as empty. */
    private static <T> List<T> optional(JsonObject json, String field, Function<String, List<T>> read) {
        return json.get(field).isPresent() ? read.apply(field) : List.of();
    }

    private static int count(JsonObject json, String field) {
        return json.get(field).isPresent() ? (int) json.number(field) : 0;
    }

}
