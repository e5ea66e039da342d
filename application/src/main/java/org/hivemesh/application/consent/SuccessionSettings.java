package org.hivemesh.application.consent;

import java.time.Duration;

/** {@code ownerSilenceLimit}: how long the owner instance may be silent in a group's log before members claim succession. */
public record SuccessionSettings(Duration ownerSilenceLimit) {
    public SuccessionSettings {
        if (ownerSilenceLimit.isNegative() || ownerSilenceLimit.isZero()) {
            throw new IllegalArgumentException("owner_silence_limit must be positive");
        }
    }
}
