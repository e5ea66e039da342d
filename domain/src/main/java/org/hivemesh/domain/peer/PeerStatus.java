package org.hivemesh.domain.peer;

/** How a peer is doing, as this instance sees it. */
public enum PeerStatus {
    /** Added but no handshake yet. */
    PENDING,
    ACTIVE,
    /** No answer lately; still retried with backoff. */
    UNREACHABLE,
    /** Ten or more consecutive failures; probed at the backoff cap. */
    ERROR;

    public static final int ERROR_AFTER_FAILURES = 10;

    public String wire() {
        return name().toLowerCase();
    }

    public static PeerStatus fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    /** The status after {@code failures} consecutive failed contacts. */
    public static PeerStatus afterFailures(int failures) {
        return failures >= ERROR_AFTER_FAILURES ? ERROR : failures > 0 ? UNREACHABLE : ACTIVE;
    }
}
