package org.hivemesh.application.sync.port.wire;

/**
 * {@code POST /sync/v1/handshake}: join the group of a hive. {@code syncEndpoint} is null for a client that cannot
 * be called back (a CLI with a local store); such a client has no use for a token to call it with, so it sends none.
 * {@code newPlan}: an admin asks to join a governed group again after its last plan was rejected or expired; the
 * joiner's own retries never set it, so a turned-down join does not open plan after plan.
 */
public record HandshakeRequest(String syncGroupName, String instanceId, String signingKey, String syncEndpoint,
                               String syncToken, boolean newPlan) {
    public HandshakeRequest {
        if (syncEndpoint == null) {
            syncToken = null;
        }
    }

    public HandshakeRequest(String syncGroupName, String instanceId, String signingKey, String syncEndpoint,
                            String syncToken) {
        this(syncGroupName, instanceId, signingKey, syncEndpoint, syncToken, false);
    }
}
