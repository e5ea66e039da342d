package org.hivemesh.domain.peer;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What stands between this instance and a peer in one hive: a join waiting for the roster's approval, a join the
 * roster turned down, or a hive whose handshake or transfers the peer refuses. There is none while all is well. It is
 * kept per (peer, hive) so that one hive's trouble never stalls or colours another shared with the same peer.
 */
public record HiveSyncState(String peerId, String hiveName, Kind kind, Optional<String> planId, String detail,
                            int failures, Instant since, Instant nextAttempt) {
    /** A refused hive is tried again after this, doubling with each refusal up to {@link #MAX_RETRY}. */
    public static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    public static final Duration MAX_RETRY = Duration.ofMinutes(10);

    public enum Kind {
        /** The owner opened a merge plan for the join; asked again every round until it is decided. */
        PENDING_APPROVAL,
        /** The plan was rejected or expired: not asked again until an admin asks to join anew. */
        TURNED_DOWN,
        /** The peer refuses this hive (another lineage, gone, forbidden): tried again with backoff. */
        FAILING;

        public String wire() {
            return name().toLowerCase();
        }

        public static Kind fromWire(String value) {
            return valueOf(value.toUpperCase());
        }
    }

    public static HiveSyncState pending(String peerId, String hiveName, String planId, String detail, Instant now,
                                        Optional<HiveSyncState> before) {
        Instant since = before.filter(b -> b.kind == Kind.PENDING_APPROVAL).map(HiveSyncState::since).orElse(now);
        return new HiveSyncState(peerId, hiveName, Kind.PENDING_APPROVAL, Optional.of(planId), detail, 0, since, now);
    }

    public static HiveSyncState turnedDown(String peerId, String hiveName, Optional<String> planId, String detail,
                                           Instant now) {
        return new HiveSyncState(peerId, hiveName, Kind.TURNED_DOWN, planId, detail, 0, now, Instant.MAX);
    }

    public static HiveSyncState failing(String peerId, String hiveName, String detail, Instant now,
                                        Optional<HiveSyncState> before) {
        Optional<HiveSyncState> failing = before.filter(b -> b.kind == Kind.FAILING);
        int failures = failing.map(b -> b.failures + 1).orElse(1);
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 20));
        return new HiveSyncState(peerId, hiveName, Kind.FAILING, Optional.empty(), detail, failures,
                failing.map(HiveSyncState::since).orElse(now), now.plus(wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait));
    }

    /** Whether a round should try this hive with the peer again now. */
    public boolean isDue(Instant now) {
        return kind != Kind.TURNED_DOWN && !now.isBefore(nextAttempt);
    }
}
