package org.hivemesh.domain.consent;

import java.util.ArrayList;
import java.util.List;

/** Per-group triggers that make a merge plan wait for an admin's decision after the roster approved it. */
public record OversightPolicy(int maxDeletes, boolean onModerationChange, boolean onContradiction) {
    public static final OversightPolicy NONE = new OversightPolicy(Integer.MAX_VALUE, false, false);

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
}
