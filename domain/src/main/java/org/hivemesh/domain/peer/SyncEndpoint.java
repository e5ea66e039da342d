package org.hivemesh.domain.peer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a peer serves {@code /sync/v1}, in its one spelling: the base URL followed by {@code /sync/v1}. A client (a
 * CLI with a local store) has no address; it is recorded as {@code client:<instance ID>} and is never called.
 */
public record SyncEndpoint(String value) {
    private static final String PATH = "/sync/v1";
    private static final String CLIENT = "client:";
    private static final Pattern URL = Pattern.compile("(https?)://([^/?#\\s]+)(/[^?#\\s]*)?");

    public SyncEndpoint {
        if (value == null || !(value.startsWith(CLIENT) || URL.matcher(value).matches() && value.endsWith(PATH))) {
            throw new IllegalArgumentException("not a sync endpoint: " + value);
        }
    }

    /** Any spelling people give (with or without {@code /sync/v1}, trailing slashes) to the one stored. */
    public static SyncEndpoint of(String given) {
        if (given == null || given.isBlank()) {
            throw new IllegalArgumentException("a peer endpoint is required, e.g. http://10.0.0.2:7070/sync/v1");
        }
        String text = given.trim();
        Matcher url = URL.matcher(text);
        if (!url.matches()) {
            throw new IllegalArgumentException("peer endpoint must be an http(s) URL, got: " + given);
        }
        text = text.replaceAll("/+$", "");
        return new SyncEndpoint(text.endsWith(PATH) ? text : text + PATH);
    }

    public static SyncEndpoint client(String instanceId) {
        return new SyncEndpoint(CLIENT + instanceId);
    }

    public boolean isClient() {
        return value.startsWith(CLIENT);
    }

    public static boolean isClient(String endpoint) {
        return endpoint.startsWith(CLIENT);
    }

    /** The instance's base URL, where {@code /.well-known/hivemesh.json} is served. */
    public String base() {
        if (isClient()) {
            throw new IllegalStateException(value + " is a client and serves nothing");
        }
        return value.substring(0, value.length() - PATH.length());
    }

    /** The host and port, for naming a peer added by its address. */
    public String authority() {
        Matcher url = URL.matcher(value);
        return url.matches() ? url.group(2) : value;
    }

    @Override
    public String toString() {
        return value;
    }
}
