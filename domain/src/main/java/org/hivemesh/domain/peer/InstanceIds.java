package org.hivemesh.domain.peer;

import org.hivemesh.domain.event.EventId;

/**
 * An instance ID is derived from its Ed25519 public key, so a key offered for an origin can be checked
 * against the origin's ID without trusting whoever relayed it.
 */
public final class InstanceIds {
    private InstanceIds() {
    }

    public static String fromPublicKey(byte[] publicKey) {
        return "inst_" + EventId.sha256Hex(publicKey).substring(0, 20);
    }

    public static boolean matches(String instanceId, byte[] publicKey) {
        return publicKey != null && publicKey.length == 32 && fromPublicKey(publicKey).equals(instanceId);
    }
}
