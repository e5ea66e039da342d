package org.hivemesh.application.sync.port.out;

import java.time.Instant;
import java.util.Optional;

/** Where sync alerts go (the operator's webhook); a no-op where none is configured. */
public interface AlertSink {
    /** Must not block the caller for long: the sync workers raise alerts. */
    void send(SyncAlert alert);

    /**
     * {@code kind}: {@code peer_error} when a peer enters error, {@code sync_lag} when a peer's lag in a group passes
     * the threshold. Group, hive, lag and threshold are set for {@code sync_lag} only.
     */
    record SyncAlert(String kind, String instanceId, String peerId, String peerName, Optional<String> groupId,
                     Optional<String> hive, long lag, long threshold, Optional<String> lastError, Instant at) {
    }

    AlertSink NONE = alert -> { };
}
