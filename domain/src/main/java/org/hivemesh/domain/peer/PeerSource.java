package org.hivemesh.domain.peer;

/**
 * Where a peer entry came from, in precedence order: a manual entry (or one admitted by handshake) is never
 * overwritten by discovery; hub data beats gossip.
 */
public enum PeerSource {
    MANUAL(3), HANDSHAKE(3), HUB(2), GOSSIP(1);

    private final int rank;

    PeerSource(int rank) {
        this.rank = rank;
    }

    public String wire() {
        return name().toLowerCase();
    }

    public static PeerSource fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    /** True if information from {@code this} source may replace an entry that came from {@code existing}. */
    public boolean mayReplace(PeerSource existing) {
        return rank >= existing.rank;
    }
}
