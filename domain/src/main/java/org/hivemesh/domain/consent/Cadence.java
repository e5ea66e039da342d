package org.hivemesh.domain.consent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * When a member merges a group (canvas seed): {@code continuous} as changes come; {@code nightly} once per daily
 * window opening at {@code nightlyAt} (UTC); {@code on-open} when the group is read after being idle.
 */
public record Cadence(Mode mode, LocalTime nightlyAt) {
    public static final Duration NIGHTLY_WINDOW = Duration.ofHours(1);
    public static final Duration IDLE = Duration.ofMinutes(15);
    public static final Cadence CONTINUOUS = new Cadence(Mode.CONTINUOUS, LocalTime.of(2, 0));

    public enum Mode {
        CONTINUOUS, NIGHTLY, ON_OPEN;

        public String wire() {
            return name().toLowerCase().replace('_', '-');
        }

        public static Mode fromWire(String value) {
            for (Mode m : values()) {
                if (m.wire().equals(value)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("cadence must be continuous, nightly or on-open, got: " + value);
        }
    }

    /** The start of the nightly window that contains {@code now}, if one does. */
    Optional<Instant> windowAround(Instant now) {
        Instant today = now.atZone(ZoneOffset.UTC).toLocalDate().atTime(nightlyAt).toInstant(ZoneOffset.UTC);
        for (Instant start : new Instant[] {today, today.minus(Duration.ofDays(1))}) {
            if (!now.isBefore(start) && now.isBefore(start.plus(NIGHTLY_WINDOW))) {
                return Optional.of(start);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether this member should merge now. {@code lastRound}: when it last merged the group; {@code openedAt}: when
     * the group was last read after being idle (a request to merge).
     */
    public boolean due(Instant now, Optional<Instant> lastRound, Optional<Instant> openedAt) {
        return switch (mode) {
            case CONTINUOUS -> true;
            case NIGHTLY -> windowAround(now).map(start -> lastRound.map(r -> r.isBefore(start)).orElse(true)).orElse(false);
            case ON_OPEN -> openedAt.map(opened -> lastRound.map(r -> r.isBefore(opened)).orElse(true)).orElse(false);
        };
    }

    /** Whether peers' pushes are taken now; otherwise they are deferred to the member's next merge. */
    public boolean acceptsPushes(Instant now, Optional<Instant> openedAt) {
        return switch (mode) {
            case CONTINUOUS -> true;
            case NIGHTLY -> windowAround(now).isPresent();
            case ON_OPEN -> openedAt.map(opened -> now.isBefore(opened.plus(IDLE))).orElse(false);
        };
    }

    /** A read counts as opening the group when the previous read is older than the idle time. */
    public static boolean opens(Instant now, Optional<Instant> lastRead) {
        return lastRead.map(r -> !now.isBefore(r.plus(IDLE))).orElse(true);
    }
}
