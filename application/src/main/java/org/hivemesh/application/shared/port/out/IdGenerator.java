package org.hivemesh.application.shared.port.out;

/** Where identifiers and bearer secrets come from: random in production, predictable in tests. */
public interface IdGenerator {
    /** {@code prefix} + 16 hex digits, e.g. {@code peer_1f2e3d4c5b6a7988}. */
    String id(String prefix);

    /** {@code prefix} + 256 random bits, URL-safe: a token or key handed to someone. */
    String secret(String prefix);
}
