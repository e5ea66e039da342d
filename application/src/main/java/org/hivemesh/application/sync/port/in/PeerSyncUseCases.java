package org.hivemesh.application.sync.port.in;

import java.util.List;

/** Outbound sync, driven by the sync workers: one round with a peer, heartbeats, and failure bookkeeping. */
public interface PeerSyncUseCases {
    List<String> peerIds();

    /** Handshakes for hives not yet linked, pushes what the peer lacks, pulls what it has; returns events moved. */
    Round syncWith(String peerId);

    void heartbeatTo(String peerId);

    void recordFailure(String peerId, String error);

    /** Stores events held back because their clock was too far ahead, once they are due; returns how many. */
    int releaseDeferred();

    /**
     * Federation: exchanges one hive with an instance that is not a peer — a client handshake, a full push and/or
     * pull with the usual verification, then the link is dropped on both sides.
     */
    Round federate(String syncEndpoint, String hiveName, boolean push, boolean pull);

    record Round(int pushed, int pulled, int quarantined) {
        public int moved() {
            return pushed + pulled;
        }
    }
}
