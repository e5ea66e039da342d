package org.hivemesh.domain.consent;

import java.util.Optional;

/** The merge method is fixed while collaboration is active; changing it means liberating a new group. */
public final class MethodLock {
    private MethodLock() {
    }

    /** Empty if the change may happen; else why not. */
    public static Optional<String> refusal(boolean collaborationActive, String current, String requested) {
        if (current.equals(requested) || !collaborationActive) {
            return Optional.empty();
        }
        return Optional.of("the merge method is locked at '" + current + "' while collaboration is active; "
                + "liberate the group to use '" + requested + "'");
    }
}
