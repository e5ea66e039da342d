package org.hivemesh.domain.consent;

/**
 * Who decides a content merge that tripped an oversight trigger. {@code admin}: the admin of the instance holding it.
 * {@code roster}: the group's active roster, in an approval round like a join's.
 */
public enum OversightBy {
    ADMIN, ROSTER;

    public String wire() {
        return name().toLowerCase();
    }

    public static OversightBy fromWire(String value) {
        for (OversightBy by : values()) {
            if (by.wire().equals(value)) {
                return by;
            }
        }
        throw new IllegalArgumentException("oversight by must be 'admin' or 'roster', got: " + value);
    }
}
