package org.hivemesh.application.shared.port.out;

import java.util.HexFormat;

/** This instance's stable ID and Ed25519 key pair; the private key never leaves the instance. */
public record InstanceIdentity(String instanceId, byte[] publicKey, byte[] privateKey) {
    public String publicKeyHex() {
        return HexFormat.of().formatHex(publicKey);
    }
}
