package org.hivemesh.domain.consent;

import java.time.Instant;
import java.util.Set;
import org.hivemesh.domain.event.EventId;

/** A merge waiting for the roster's consent: what it merges, its dry run, and its approval round. */
public record MergePlan(String planId, String groupId, MergeKind kind, PlanSummary summary, ApprovalRound round,
                        Instant createdAt) {
    public ApprovalStatus status() {
        return round.status();
    }

    public boolean isOpen() {
        return !round.status().isFinal();
    }

    public MergePlan withRound(ApprovalRound next) {
        return new MergePlan(planId, groupId, kind, summary, next, createdAt);
    }

    public boolean isJoinOf(String instanceId) {
        return kind instanceof MergeKind.Join && kind.peerInstanceId().equals(instanceId);
    }

    /** The IDs of the events an open content merge holds back. */
    public Set<EventId> heldEvents() {
        if (kind instanceof MergeKind.ContentMerge merge && isOpen()) {
            return Set.copyOf(merge.held().stream().map(e -> e.id()).toList());
        }
        return Set.of();
    }
}
