package org.hivemesh.domain.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A group's triggers that make a merge plan wait for oversight after the roster approved it, and who oversees. A
 * property of the group: every member applies the same policy. {@code maxDeletes}: {@link #UNLIMITED} for no limit.
 */
public record OversightPolicy(int maxDeletes, boolean onModerationChange, boolean onContradiction, boolean onJoin,
                              OversightBy by) {
    public static final int UNLIMITED = Integer.MAX_VALUE;
    public static final OversightPolicy NONE = new OversightPolicy(UNLIMITED, false, false, false, OversightBy.ADMIN);

    public OversightPolicy {
        if (maxDeletes < 0) {
            throw new IllegalArgumentException("max_deletes must be 0 or more, got: " + maxDeletes);
        }
        Objects.requireNonNull(by, "by");
    }

    /** What a plan would bring in, as far as the triggers care. */
    public record Stats(int deletes, int moderationChanges, int contradictions) {
    }

    /** The triggers that fire; oversight is required when any does. */
    public List<String> triggers(Stats stats) {
        List<String> fired = new ArrayList<>();
        if (stats.deletes() > maxDeletes) {
            fired.add(stats.deletes() + " deletes (more than " + maxDeletes + ")");
        }
        if (onModerationChange && stats.moderationChanges() > 0) {
            fired.add("moderation changes");
        }
        if (onContradiction && stats.contradictions() > 0) {
            fired.add("contradicting decisions");
        }
        return fired;
    }

    public OversightPolicy withMaxDeletes(int value) {
        return new OversightPolicy(value, onModerationChange, onContradiction, onJoin, by);
    }

    public OversightPolicy withOnModerationChange(boolean value) {
        return new OversightPolicy(maxDeletes, value, onContradiction, onJoin, by);
    }

    public OversightPolicy withOnContradiction(boolean value) {
        return new OversightPolicy(maxDeletes, onModerationChange, value, onJoin, by);
    }

    public OversightPolicy withOnJoin(boolean value) {
        return new OversightPolicy(maxDeletes, onModerationChange, onContradiction, value, by);
    }

    public OversightPolicy withBy(OversightBy value) {
        return new OversightPolicy(maxDeletes, onModerationChange, onContradiction, onJoin, value);
    }
}
