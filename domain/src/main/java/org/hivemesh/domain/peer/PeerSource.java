package org.hivemesh.domain.peer;

/** Where a peer entry came from; a manual entry is never overwritten by a discovered one. */
public enum PeerSource {
    MANUAL, HUB, GOSSIP, HANDSHAKE;

    public String wire() {
        return name().toLowerCase();
    }

    public static PeerSource fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
