package org.hivemesh.domain.consent;

/** A merge plan's approval round: pending until the whole roster approved (and oversight, if required). */
public enum ApprovalStatus {
    PENDING, AWAITING_OVERSIGHT, APPROVED, REJECTED, EXPIRED;

    public String wire() {
        return name().toLowerCase();
    }

    public static ApprovalStatus fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    public boolean isFinal() {
        return this == APPROVED || this == REJECTED || this == EXPIRED;
    }
}
