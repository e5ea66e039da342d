package org.hivemesh.application.shared.port.out;

/** Ed25519: keys are 32 raw bytes, signatures 64. */
public interface Signatures {
    KeyPair generate();

    byte[] sign(byte[] privateKey, byte[] message);

    boolean verify(byte[] publicKey, byte[] message, byte[] signature);

    record KeyPair(byte[] publicKey, byte[] privateKey) {
    }
}
