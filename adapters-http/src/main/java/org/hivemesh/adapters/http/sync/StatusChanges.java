package org.hivemesh.adapters.http.sync;

import java.util.Optional;
import org.hivemesh.application.content.port.out.EventSignals;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase.GroupRound;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase.Step;
import org.hivemesh.application.sync.port.out.SyncTelemetry;

/**
 * Says that the figures of /sync/status and /sync/peers may have changed: stored events (a materialized batch, local
 * or synced) and the end of every outbound round, successful or failed. The status streams wait on it instead of
 * recomputing the figures on a timer.
 */
public final class StatusChanges implements EventSignals, SyncTelemetry {
    private long version;

    public synchronized void changed() {
        version++;
        notifyAll();
    }

    synchronized long version() {
        return version;
    }

    /** The version once it is past {@code seen}, or {@code seen} after {@code millis} without a change. */
    synchronized long awaitPast(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        for (long left = millis; version == seen && left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            wait(left);
        }
        return version;
    }

    @Override
    public void eventsStored(String groupId) {
        changed();
    }

    @Override
    public void exchanged(String peerId, GroupRound round) {
        changed();
    }

    @Override
    public void failed(String peerId, Optional<Step> step) {
        changed();
    }

    @Override
    public void retryScheduled(String peerId) {
        changed();
    }
}
