package org.hivemesh.application.hub;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hivemesh.application.hub.port.in.HubUseCases;

/**
 * The hub's membership version, moved whenever a swarm registers or moves, or joins or leaves a hive, so a member
 * asking for its peers can wait for the next change instead of polling (a long poll). Waiting is bounded in time
 * ({@link HubUseCases#MAX_PEERS_WAIT}) and in the number of waiters: beyond it a caller is answered at once, as a poll would be.
 * Staleness is not an event: a stale peer shows when a wait ends by time.
 */
public final class HubChanges {
    private final int maxWaiters;
    private long version;
    private int waiting;

    /** {@code start}: e.g. the hub's start time in millis, so a restarted hub never repeats a version it gave out. */
    public HubChanges(long start, int maxWaiters) {
        this.version = start;
        this.maxWaiters = maxWaiters;
    }

    public synchronized long version() {
        return version;
    }

    public synchronized void changed() {
        version++;
        notifyAll();
    }

    /** Callers waiting now. */
    public synchronized int waiting() {
        return waiting;
    }

    /**
     * The version after the first change past {@code seen}, or the current one once {@code wait} (at most
     * {@link HubUseCases#MAX_PEERS_WAIT}) has passed; at once if {@code seen} is not current or too many callers wait already.
     */
    public synchronized long awaitChange(long seen, Duration wait) throws InterruptedException {
        if (seen != version || waiting >= maxWaiters || wait.isNegative() || wait.isZero()) {
            return version;
        }
        long deadline = System.nanoTime() + Math.min(wait.toNanos(), HubUseCases.MAX_PEERS_WAIT.toNanos());
        waiting++;
        try {
            for (long left = deadline - System.nanoTime(); version == seen && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } finally {
            waiting--;
        }
        return version;
    }
}
