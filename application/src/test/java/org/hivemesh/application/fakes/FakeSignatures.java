package org.hivemesh.application.fakes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.hivemesh.application.shared.port.out.Signatures;

/**
 * Not Ed25519: a keyed SHA-512 with public key = private key, enough to exercise the ports. Sizes are Ed25519's
 * (32-byte keys, 64-byte signatures), and anything else is refused as the real one refuses it.
 */
public final class FakeSignatures implements Signatures {
    private static final int KEY_BYTES = 32;
    private static final int SIGNATURE_BYTES = 64;

    private final SecureRandom random = new SecureRandom();

    @Override
    public KeyPair generate() {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return new KeyPair(key, key.clone());
    }

    @Override
    public byte[] sign(byte[] privateKey, byte[] message) {
        if (privateKey == null || privateKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("a private key is " + KEY_BYTES + " bytes");
        }
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
        if (publicKey == null || publicKey.length != KEY_BYTES || signature == null || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        return MessageDigest.isEqual(sign(publicKey, message), signature);
    }
}
