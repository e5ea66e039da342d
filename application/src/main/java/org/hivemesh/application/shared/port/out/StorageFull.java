package org.hivemesh.application.shared.port.out;

/**
 * Thrown by any storage port when the store has no room left (a full disk or database). The write it interrupted
 * was rolled back whole; retrying helps only once room has been made.
 */
public final class StorageFull extends RuntimeException {
    public StorageFull(String message, Throwable cause) {
        super(message, cause);
    }
}
