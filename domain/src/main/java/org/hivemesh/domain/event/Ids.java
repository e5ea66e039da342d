package org.hivemesh.domain.event;

import java.util.regex.Pattern;

/** Shape checks for the identifiers that travel inside events. */
public final class Ids {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private Ids() {
    }

    public static String require(String kind, String value) {
        if (value == null || !TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(kind + " must be 1-128 characters of [A-Za-z0-9_.:-], got: " + value);
        }
        return value;
    }

    public static String requireText(String kind, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(kind + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(kind + " must be at most " + maxLength + " characters");
        }
        return value;
    }
}
