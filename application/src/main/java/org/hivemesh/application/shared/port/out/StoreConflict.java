package org.hivemesh.application.shared.port.out;

/**
 * Thrown by any storage port when a write breaks a uniqueness or integrity rule of the store — usually because a
 * concurrent writer stored the same thing first. Nothing of the write was kept; reading again shows the winner's.
 */
public final class StoreConflict extends RuntimeException {
    public StoreConflict(String message, Throwable cause) {
        super(message, cause);
    }
}
