package org.hivemesh.application.discovery.port.in;

/** Discovery beyond manual entries, run periodically by the discovery worker. */
public interface PeerDiscoveryUseCases {
    /** Registers with the hub if needed, announces this instance's hives, and caches the peers the hub knows. */
    Refresh refresh();

    record Refresh(int peersSeen, int peersAdded) {
    }
}
