package org.hivemesh.bootstrap.wiring;

import org.hivemesh.bootstrap.config.HivemeshConfig;

/** The address the server ended up on; with port 0 it is known only after start. */
public final class BoundAddress {
    private final HivemeshConfig config;
    private volatile int port;
    private volatile boolean serving;

    public BoundAddress(HivemeshConfig config) {
        this.config = config;
        this.port = config.port();
    }

    void bound(int port) {
        this.port = port;
        this.serving = true;
    }

    /** Where peers call this instance back; null for a local store that serves nothing. */
    public String syncEndpoint() {
        return serving ? baseUrl() + "/sync/v1" : null;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return config.baseUrl(port);
    }
}
