package org.hivemesh.domain.conflict;

import java.util.Optional;

/**
 * Settings, membership and moderators (seed 3.8): a single-side change wins; of two changes the owner
 * instance's wins; otherwise the later HLC; otherwise the smaller event ID.
 */
public final class OwnerPreferringLww {
    private OwnerPreferringLww() {
    }

    public static Register merge(Optional<Register> current, Register incoming) {
        if (current.isEmpty()) {
            return incoming;
        }
        Register held = current.get();
        if (held.byOwner() != incoming.byOwner()) {
            return held.byOwner() ? held : incoming;
        }
        return incoming.stamp().beats(held.stamp()) ? incoming : held;
    }
}
