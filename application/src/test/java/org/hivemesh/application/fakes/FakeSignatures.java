package org.hivemesh.application.fakes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.hivemesh.application.shared.port.out.Signatures;

/** Not Ed25519: a keyed SHA-512 with public key = private key, enough to exercise the ports. */
public final class FakeSignatures implements Signatures {
    private final SecureRandom random = new SecureRandom();

    @Override
    public KeyPair generate() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new KeyPair(key, key.clone());
    }

    @Override
    public byte[] sign(byte[] privateKey, byte[] message) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-512");
            sha.update(privateKey);
            return sha.digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        return MessageDigest.isEqual(sign(publicKey, message), signature);
    }
}
