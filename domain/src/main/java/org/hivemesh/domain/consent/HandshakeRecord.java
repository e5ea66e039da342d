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
public record HandshakeRecord(String planId, Set<String> roster, Map<String, Instant> approvals, Set<String> pruned,
                              Instant roundStartedAt, Instant expiresAt, boolean requiresOversight,
                              HandshakeStatus status) {
    public static final Duration WINDOW = Duration.ofDays(30);
    public static final Duration PRUNE_AFTER = Duration.ofHours(4);

    /** Sorted, so the record reads and serializes the same way every time. */
    public HandshakeRecord {
        roster = Collections.unmodifiableSortedSet(new TreeSet<>(roster));
        approvals = Collections.unmodifiableSortedMap(new TreeMap<>(approvals));
        pruned = Collections.unmodifiableSortedSet(new TreeSet<>(pruned));
    }

    public static HandshakeRecord open(String planId, Set<String> roster, boolean requiresOversight, Instant now) {
        if (roster.isEmpty()) {
            throw new IllegalArgumentException("a roster has at least one member");
        }
        return new HandshakeRecord(planId, roster, Map.of(), Set.of(), now, now.plus(WINDOW), requiresOversight,
                HandshakeStatus.PENDING);
    }

    /** What an approval, rejection or tick did. */
    public sealed interface Outcome permits Changed, Refused {
        HandshakeRecord record();
    }

    public record Changed(HandshakeRecord record) implements Outcome {
    }

    public record Refused(HandshakeRecord record, String reason) implements Outcome {
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
        if (status != HandshakeStatus.PENDING) {
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
        return new Changed(withStatus(HandshakeStatus.REJECTED));
    }

    /** The admin decision a plan that requires oversight waits for after the roster approved. */
    public Outcome oversee(boolean approve, Instant now) {
        Outcome expired = expireIfDue(now);
        if (expired != null) {
            return expired;
        }
        if (status != HandshakeStatus.AWAITING_OVERSIGHT) {
            return new Refused(this, "the plan is " + status.wire() + ", not awaiting oversight");
        }
        return new Changed(withStatus(approve ? HandshakeStatus.APPROVED : HandshakeStatus.REJECTED));
    }

    /** Time passing: the window may expire; members silent past {@code pruneAfter} are pruned (window kept). */
    public Outcome tick(Instant now, Duration pruneAfter) {
        Outcome expired = expireIfDue(now);
        if (expired != null) {
            return expired;
        }
        if (status != HandshakeStatus.PENDING || now.isBefore(roundStartedAt.plus(pruneAfter))) {
            return new Changed(this);
        }
        Set<String> silent = waitingFor();
        if (silent.isEmpty()) {
            return new Changed(this);
        }
        Set<String> nextPruned = new TreeSet<>(pruned);
        nextPruned.addAll(silent);
        return new Changed(withApprovals(approvals, nextPruned).settle());
    }

    /** An approved join is used up when the member leaves the roster: rejoining takes a new plan. */
    public Outcome revoke() {
        if (status != HandshakeStatus.APPROVED) {
            return new Refused(this, "only an approved plan can be revoked; this one is " + status.wire());
        }
        return new Changed(withStatus(HandshakeStatus.EXPIRED));
    }

    /** A roster change (not pruning) invalidates the window: a new round with the new roster. */
    public Outcome rosterChanged(Set<String> newRoster, Instant now) {
        if (status.isFinal()) {
            return new Refused(this, "the plan is " + status.wire());
        }
        return new Changed(new HandshakeRecord(planId, newRoster, Map.of(), Set.of(), now, now.plus(WINDOW),
                requiresOversight, HandshakeStatus.PENDING));
    }

    private Outcome expireIfDue(Instant now) {
        if (!status.isFinal() && !now.isBefore(expiresAt)) {
            return new Refused(withStatus(HandshakeStatus.EXPIRED), "the 30-day approval window has passed");
        }
        return null;
    }

    private HandshakeRecord settle() {
        if (status == HandshakeStatus.PENDING && waitingFor().isEmpty() && !approvals.isEmpty()) {
            return withStatus(requiresOversight ? HandshakeStatus.AWAITING_OVERSIGHT : HandshakeStatus.APPROVED);
        }
        return this;
    }

    private HandshakeRecord withApprovals(Map<String, Instant> nextApprovals, Set<String> nextPruned) {
        return new HandshakeRecord(planId, roster, nextApprovals, nextPruned, roundStartedAt, expiresAt, requiresOversight,
                status);
    }

    private HandshakeRecord withStatus(HandshakeStatus next) {
        return new HandshakeRecord(planId, roster, approvals, pruned, roundStartedAt, expiresAt, requiresOversight, next);
    }
}
