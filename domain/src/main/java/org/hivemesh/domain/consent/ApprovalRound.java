package org.hivemesh.domain.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The consent state machine of the canvas seed: a plan is approved when every roster member has approved it within a
 * 30-day window. Any roster change opens a new round (approvals cleared, window restarted) — except pruning members
 * who did not answer within the pruning delay, which keeps the window. Oversight, when required, comes after the roster.
 */
public record ApprovalRound(String planId, Set<String> roster, Map<String, Instant> approvals, Set<String> pruned,
                              Instant roundStartedAt, Instant expiresAt, boolean requiresOversight,
                              ApprovalStatus status) {
    public static final Duration WINDOW = Duration.ofDays(30);
    public static final Duration PRUNE_AFTER = Duration.ofHours(4);

    /** Sorted, so the record reads and serializes the same way every time. */
    public ApprovalRound {
        roster = Collections.unmodifiableSortedSet(new TreeSet<>(roster));
        approvals = Collections.unmodifiableSortedMap(new TreeMap<>(approvals));
        pruned = Collections.unmodifiableSortedSet(new TreeSet<>(pruned));
    }

    public static ApprovalRound open(String planId, Set<String> roster, boolean requiresOversight, Instant now) {
        if (roster.isEmpty()) {
            throw new IllegalArgumentException("a roster has at least one member");
        }
        return new ApprovalRound(planId, roster, Map.of(), Set.of(), now, now.plus(WINDOW), requiresOversight,
                ApprovalStatus.PENDING);
    }

    /** What an approval, rejection or tick did. */
    public sealed interface Outcome permits Changed, Refused {
        ApprovalRound record();
    }

    public record Changed(ApprovalRound record) implements Outcome {
    }

    public record Refused(ApprovalRound record, String reason) implements Outcome {
    }

    /** Members whose answer is still needed. */
    public Set<String> waitingFor() {
        Set<String> waiting = new TreeSet<>(roster);
        waiting.removeAll(pruned);
        waiting.removeAll(approvals.keySet());
        return waiting;
    }

    public Outcome approve(String member, Instant now) {
        Outcome expired = expireIfDue(now);
        if (expired != null) {
            return expired;
        }
        if (status != ApprovalStatus.PENDING) {
            return new Refused(this, "the plan is " + status.wire());
        }
        if (!roster.contains(member) || pruned.contains(member)) {
            return new Refused(this, member + " is not on the roster of this plan");
        }
        Map<String, Instant> next = new TreeMap<>(approvals);
        next.put(member, now);
        return new Changed(withApprovals(next, pruned).settle());
    }

    public Outcome reject(String member, Instant now) {
        Outcome expired = expireIfDue(now);
        if (expired != null) {
            return expired;
        }
        if (status.isFinal()) {
            return new Refused(this, "the plan is " + status.wire());
        }
        if (!roster.contains(member)) {
            return new Refused(this, member + " is not on the roster of this plan");
        }
        return new Changed(withStatus(ApprovalStatus.REJECTED));
    }

    /** The admin decision a plan that requires oversight waits for after the roster approved. */
    public Outcome oversee(boolean approve, Instant now) {
        Outcome expired = expireIfDue(now);
        if (expired != null) {
            return expired;
        }
        if (status != ApprovalStatus.AWAITING_OVERSIGHT) {
            return new Refused(this, "the plan is " + status.wire() + ", not awaiting oversight");
        }
        return new Changed(withStatus(approve ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED));
    }

    /** Time passing: the window may expire; members silent past {@code pruneAfter} are pruned (window kept). */
    public Outcome tick(Instant now, Duration pruneAfter) {
        return tick(now, pruneAfter, Set.of());
    }

    /** As {@link #tick(Instant, Duration)}, but the members in {@code neverPruned} stay in the round however silent. */
    public Outcome tick(Instant now, Duration pruneAfter, Set<String> neverPruned) {
        Outcome expired = expireIfDue(now);
        if (expired != null) {
            return expired;
        }
        if (status != ApprovalStatus.PENDING || now.isBefore(roundStartedAt.plus(pruneAfter))) {
            return new Changed(this);
        }
        Set<String> silent = new TreeSet<>(waitingFor());
        silent.removeAll(neverPruned);
        if (silent.isEmpty()) {
            return new Changed(this);
        }
        Set<String> nextPruned = new TreeSet<>(pruned);
        nextPruned.addAll(silent);
        return new Changed(withApprovals(approvals, nextPruned).settle());
    }

    /** An approved join is used up when the member leaves the roster: rejoining takes a new plan. */
    public Outcome revoke() {
        if (status != ApprovalStatus.APPROVED) {
            return new Refused(this, "only an approved plan can be revoked; this one is " + status.wire());
        }
        return new Changed(withStatus(ApprovalStatus.EXPIRED));
    }

    /**
     * An approval not acted on lapses with its window: a join approved but not taken up by then needs a new round.
     * Anything else is left as it is.
     */
    public ApprovalRound lapsed(Instant now) {
        return status == ApprovalStatus.APPROVED && !now.isBefore(expiresAt) ? withStatus(ApprovalStatus.EXPIRED) : this;
    }

    /** A roster change (not pruning) invalidates the window: a new round with the new roster. */
    public Outcome rosterChanged(Set<String> newRoster, Instant now) {
        if (status.isFinal()) {
            return new Refused(this, "the plan is " + status.wire());
        }
        return new Changed(new ApprovalRound(planId, newRoster, Map.of(), Set.of(), now, now.plus(WINDOW),
                requiresOversight, ApprovalStatus.PENDING));
    }

    private Outcome expireIfDue(Instant now) {
        if (!status.isFinal() && !now.isBefore(expiresAt)) {
            return new Refused(withStatus(ApprovalStatus.EXPIRED), "the 30-day approval window has passed");
        }
        return null;
    }

    private ApprovalRound settle() {
        if (status == ApprovalStatus.PENDING && waitingFor().isEmpty() && !approvals.isEmpty()) {
            return withStatus(requiresOversight ? ApprovalStatus.AWAITING_OVERSIGHT : ApprovalStatus.APPROVED);
        }
        return this;
    }

    private ApprovalRound withApprovals(Map<String, Instant> nextApprovals, Set<String> nextPruned) {
        return new ApprovalRound(planId, roster, nextApprovals, nextPruned, roundStartedAt, expiresAt, requiresOversight,
                status);
    }

    private ApprovalRound withStatus(ApprovalStatus next) {
        return new ApprovalRound(planId, roster, approvals, pruned, roundStartedAt, expiresAt, requiresOversight, next);
    }
}
