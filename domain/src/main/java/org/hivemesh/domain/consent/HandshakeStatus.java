package org.hivemesh.domain.consent;

/** A merge plan's approval round: pending until the whole roster approved (and oversight, if required). */
public enum HandshakeStatus {
    PENDING, AWAITING_OVERSIGHT, APPROVED, REJECTED, EXPIRED;

    public String wire() {
        return name().toLowerCase();
    }

    public static HandshakeStatus fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    public boolean isFinal() {
        return this == APPROVED || this == REJECTED || this == EXPIRED;
    }
}
