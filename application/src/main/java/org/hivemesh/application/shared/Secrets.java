package org.hivemesh.application.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.hivemesh.domain.event.EventId;

/** The hashes under which bearer secrets are stored, so a leaked store leaks no usable token. */
public final class Secrets {
    private Secrets() {
    }

    public static String hash(String secret) {
        return EventId.sha256Hex(secret);
    }

    /** Constant-time comparison of two hashes. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
