package org.hivemesh.domain.consent;

/** Contribute before catching up: with unshared work, the contribution comes first (canvas seed). */
public final class Reciprocity {
    private Reciprocity() {
    }

    public sealed interface Decision permits CatchUpNow, ContributeFirst {
    }

    public record CatchUpNow() implements Decision {
    }

    public record ContributeFirst(long unsharedEvents, String reason) implements Decision {
    }

    public static Decision decide(long unsharedEvents) {
        if (unsharedEvents < 0) {
            throw new IllegalArgumentException("unshared work cannot be negative");
        }
        return unsharedEvents == 0 ? new CatchUpNow()
                : new ContributeFirst(unsharedEvents, unsharedEvents + " local events are not yet shared with the group; "
                        + "contribute them before catching up");
    }
}
