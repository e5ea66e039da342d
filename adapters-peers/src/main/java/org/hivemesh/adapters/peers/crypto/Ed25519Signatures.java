package org.hivemesh.adapters.peers.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.hivemesh.application.shared.port.out.Signatures;

/** Ed25519 (RFC 8032) through BouncyCastle's lightweight API. */
public final class Ed25519Signatures implements Signatures {
    /** Keys seen at once are few (this instance's, its peers'); past this many the caches start again. */
    private static final int CACHED_KEYS = 4096;

    private final SecureRandom random = new SecureRandom();
    /**
     * Decoded keys by their bytes: a private key's parameters derive its public key (a scalar multiplication) on
     * first use, a public key's decode its curve point; reused, each signature and verification skips that work.
     */
    private final Map<String, Ed25519PrivateKeyParameters> privateKeys = new ConcurrentHashMap<>();
    private final Map<String, Ed25519PublicKeyParameters> publicKeys = new ConcurrentHashMap<>();

    @Override
    public KeyPair generate() {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new KeyPair(((Ed25519PublicKeyParameters) pair.getPublic()).getEncoded(),
                ((Ed25519PrivateKeyParameters) pair.getPrivate()).getEncoded());
    }

    @Override
    public byte[] sign(byte[] privateKey, byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, cached(privateKeys, privateKey, k -> new Ed25519PrivateKeyParameters(k, 0)));
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** Anything but a 32-byte key and a 64-byte signature is rejected before any curve arithmetic. */
    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE
                || signature == null || signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
            return false;
        }
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, cached(publicKeys, publicKey, k -> new Ed25519PublicKeyParameters(k, 0)));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static <P> P cached(Map<String, P> cache, byte[] key, Function<byte[], P> decode) {
        String bytes = new String(key, StandardCharsets.ISO_8859_1);
        P known = cache.get(bytes);
        if (known != null) {
            return known;
        }
        if (cache.size() >= CACHED_KEYS) {
            cache.clear();
        }
        P decoded = decode.apply(key.clone());
        cache.put(bytes, decoded);
        return decoded;
    }
}
