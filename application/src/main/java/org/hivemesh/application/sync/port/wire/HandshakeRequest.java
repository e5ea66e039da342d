package org.hivemesh.application.sync.port.wire;

/**
 * {@code POST /sync/v1/handshake}: join the group of a hive. {@code syncEndpoint} is null for a client that cannot
 * be called back (a CLI with a local store); such a client has no use for a token to call it with, so it sends none.
 */
public record HandshakeRequest(String syncGroupName, String instanceId, String signingKey, String syncEndpoint,
                               String syncToken) {
    public HandshakeRequest {
        if (syncEndpoint == null) {
            syncToken = null;
        }
    }
}
