package org.hivemesh.domain.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content address of an event: {@code ev_} + lowercase hex SHA-256 of its canonical unsigned form. */
public record EventId(String value) implements Comparable<EventId> {

    public EventId {
        if (!wellFormed(value)) {
            throw new IllegalArgumentException("event id must be 'ev_' + 64 lowercase hex, got: " + value);
        }
    }

    /** {@code ev_} and 64 lowercase hex digits; checked by hand, as every event read and received builds one. */
    private static boolean wellFormed(String value) {
        if (value == null || value.length() != 67 || !value.startsWith("ev_")) {
            return false;
        }
        for (int i = 3; i < 67; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    public static EventId of(byte[] canonicalBytes) {
        return new EventId("ev_" + sha256Hex(canonicalBytes));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public String hex() {
        return value.substring(3);
    }

    /** The short form people read ({@code ev_} + 12 hex); never an identity. */
    public String display() {
        return value.substring(0, 15);
    }

    @Override
    public int compareTo(EventId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
