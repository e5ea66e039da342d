package org.hivemesh.application.discovery.port.in;

import java.time.Duration;

/** Discovery beyond manual entries, run periodically by the discovery worker. */
public interface PeerDiscoveryUseCases {
    /** Registers with the hub if needed, announces this instance's hives, and caches the peers the hub knows. */
    Refresh refresh();

    /**
     * Waits up to {@code max} for the hub to report a change of membership since the last refresh (a long poll);
     * true if there is one to refresh for. Answers false at once where there is nothing to wait on.
     */
    default boolean awaitChange(Duration max) {
        return false;
    }

    record Refresh(int peersSeen, int peersAdded) {
    }
}
