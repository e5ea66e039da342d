package org.hivemesh.application.portability.port.in;

/**
 * Federation (F043): exchanges one hive with an instance that is not a peer — a client handshake, a full push and/or
 * pull with the usual verification, then the link is dropped on both sides.
 */
public interface FederationUseCase {
    Exchange federate(String syncEndpoint, String hiveName, boolean push, boolean pull);

    record Exchange(int pushed, int pulled, int quarantined) {
    }
}
