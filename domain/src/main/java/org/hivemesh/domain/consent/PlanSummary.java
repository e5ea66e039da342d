package org.hivemesh.domain.consent;

import java.util.List;

/**
 * The dry run a merge plan shows the people who approve it: what would come in and go out, what it would change,
 * the conflicts and the rule deciding each, and the oversight triggers it fires.
 */
public record PlanSummary(String method, int incomingEvents, int outgoingEvents, int newEvents, int entitiesChanged,
                          List<PlanConflict> conflicts, int deletes, int moderationChanges, int contradictions,
                          List<String> oversightTriggers) {
    public PlanSummary {
        conflicts = List.copyOf(conflicts);
        oversightTriggers = List.copyOf(oversightTriggers);
    }

    /** A join brings the joiner the group's whole log and nothing else; it changes nothing here. */
    public static PlanSummary join(String method, long outgoingEvents, List<String> oversightTriggers) {
        return new PlanSummary(method, 0, Math.toIntExact(outgoingEvents), 0, 0, List.of(), 0, 0, 0, oversightTriggers);
    }

    public boolean requiresOversight() {
        return !oversightTriggers.isEmpty();
    }
}
