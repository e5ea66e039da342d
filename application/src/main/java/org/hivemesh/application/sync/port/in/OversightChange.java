package org.hivemesh.application.sync.port.in;

import java.util.Optional;

/**
 * The settings of a group's oversight policy to change; those left empty keep their value. {@code maxDeletes}:
 * {@code OversightPolicy.UNLIMITED} for no limit.
 */
public record OversightChange(Optional<Long> maxDeletes, Optional<Boolean> onModerationChange,
                              Optional<Boolean> onContradiction, Optional<Boolean> onJoin, Optional<String> by) {
    public boolean isEmpty() {
        return maxDeletes.isEmpty() && onModerationChange.isEmpty() && onContradiction.isEmpty() && onJoin.isEmpty()
                && by.isEmpty();
    }
}
