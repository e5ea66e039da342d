package org.hivemesh.domain.hive;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;
import org.hivemesh.domain.event.EventId;

/**
 * The digest of a materialized state, kept as it changes: the sum, modulo 2^256, of the SHA-256 of every entity's
 * canonical JSON. A sum does not depend on order and takes an entity out as easily as in, so a store adds and removes
 * the entities a batch changes instead of hashing the whole state again. {@link #hex()} is the SHA-256 of that sum.
 */
public record StateDigest(BigInteger sum) {
    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);
    private static final HexFormat HEX = HexFormat.of();
    public static final StateDigest EMPTY = new StateDigest(BigInteger.ZERO);

    public StateDigest {
        if (sum.signum() < 0 || sum.compareTo(MODULUS) >= 0) {
            throw new IllegalArgumentException("a digest sum lies in [0, 2^256)");
        }
    }

    public static StateDigest of(Collection<Entity> entities) {
        StateDigest digest = EMPTY;
        for (Entity e : entities) {
            digest = digest.plus(e.toJson().canonical());
        }
        return digest;
    }

    /** The stored form of the sum: 64 hex digits. */
    public static StateDigest fromSumHex(String hex) {
        return new StateDigest(new BigInteger(1, HEX.parseHex(hex)));
    }

    public String sumHex() {
        return toHex(sum);
    }

    /** Adds an entity, given as its canonical JSON. */
    public StateDigest plus(String canonicalEntity) {
        return new StateDigest(sum.add(hashOf(canonicalEntity)).mod(MODULUS));
    }

    /** Takes out an entity added before, given as its canonical JSON. */
    public StateDigest minus(String canonicalEntity) {
        return new StateDigest(sum.subtract(hashOf(canonicalEntity)).mod(MODULUS));
    }

    /** One entity replaced: what it was (if it was) out, what it is (if it is) in. */
    public StateDigest replace(Optional<String> before, Optional<String> after) {
        StateDigest d = before.map(this::minus).orElse(this);
        return after.map(d::plus).orElse(d);
    }

    /** What instances compare: equal exactly when the sums are. */
    public String hex() {
        return EventId.sha256Hex(HEX.parseHex(toHex(sum)));
    }

    private static BigInteger hashOf(String canonicalEntity) {
        return new BigInteger(1, HEX.parseHex(EventId.sha256Hex(canonicalEntity.getBytes(StandardCharsets.UTF_8))));
    }

    private static String toHex(BigInteger value) {
        String hex = value.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }
}
