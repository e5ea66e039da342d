package org.hivemesh.application.shared;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.hivemesh.application.shared.port.out.IdGenerator;

/** Identifiers and secrets from a cryptographically strong random source. */
public final class RandomIds implements IdGenerator {
    private final SecureRandom random;

    public RandomIds(SecureRandom random) {
        this.random = random;
    }

    @Override
    public String id(String prefix) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    @Override
    public String secret(String prefix) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
