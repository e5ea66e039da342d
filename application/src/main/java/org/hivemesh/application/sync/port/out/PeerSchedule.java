package org.hivemesh.application.sync.port.out;

import java.time.Instant;
import java.util.Optional;

/** Where the sync workers stand with each peer: when they try it next, when a round with it last succeeded. */
public interface PeerSchedule {
    /** Empty for a peer the workers have not looked at yet. */
    Optional<Retry> of(String peerId);

    /**
     * {@code nextRetryAt}: set while a failed peer waits out its backoff (or its open circuit breaker);
     * {@code lastSuccessAt}: the end of the last round that succeeded since this process started.
     */
    record Retry(int failures, Optional<Instant> nextRetryAt, Optional<Instant> lastSuccessAt, boolean circuitOpen) {
    }

    PeerSchedule NONE = peerId -> Optional.empty();
}
