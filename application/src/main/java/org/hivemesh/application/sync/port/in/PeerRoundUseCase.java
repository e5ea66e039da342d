package org.hivemesh.application.sync.port.in;

import java.util.List;

/** Outbound sync, driven by the sync workers: one round with a peer and failure bookkeeping. */
public interface PeerRoundUseCase {
    List<String> peerIds();

    /** Handshakes for hives not yet linked, pushes what the peer lacks, pulls what it has; returns events moved. */
    Round syncWith(String peerId);

    void recordFailure(String peerId, String error);

    record Round(int pushed, int pulled, int quarantined) {
        public int moved() {
            return pushed + pulled;
        }
    }
}
