package org.hivemesh.domain.group;

/** {@code open}: trusted mesh, handshakes admitted at once. {@code roster}: merges wait for approval. */
public enum Consent {
    OPEN, ROSTER;

    public String wire() {
        return name().toLowerCase();
    }

    public static Consent fromWire(String value) {
        for (Consent c : values()) {
            if (c.wire().equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("consent must be 'open' or 'roster', got: " + value);
    }
}
