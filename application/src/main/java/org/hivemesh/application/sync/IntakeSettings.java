package org.hivemesh.application.sync;

import java.time.Duration;

/** {@code maxClockAhead}: how far an event's HLC may run ahead of our clock; {@code maxDeferred}: per peer and group. */
public record IntakeSettings(Duration maxClockAhead, int maxDeferred) {
    public static final Duration DEFAULT_MAX_CLOCK_AHEAD = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_DEFERRED = 1000;
}
