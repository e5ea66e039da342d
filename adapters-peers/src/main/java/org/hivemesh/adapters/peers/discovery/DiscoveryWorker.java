package org.hivemesh.adapters.peers.discovery;

import java.time.Duration;
import java.util.function.Supplier;
import org.hivemesh.application.discovery.port.in.PeerDiscoveryUseCases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refreshes discovery on an interval; a hub that is down is logged and tried again, cached peers keep syncing. */
public final class DiscoveryWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryWorker.class);

    private final Supplier<PeerDiscoveryUseCases> discovery;
    private final Duration interval;
    private Thread thread;
    private volatile boolean running;
    private volatile boolean hubWasDown;

    public DiscoveryWorker(Supplier<PeerDiscoveryUseCases> discovery, Duration interval) {
        this.discovery = discovery;
        this.interval = interval;
    }

    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, "hivemesh-discovery");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                PeerDiscoveryUseCases.Refresh refresh = discovery.get().refresh();
                if (hubWasDown || refresh.peersAdded() > 0) {
                    LOG.info("discovery: {} peers known to the hub, {} new", refresh.peersSeen(), refresh.peersAdded());
                }
                hubWasDown = false;
            } catch (RuntimeException e) {
                if (!hubWasDown) {
                    LOG.warn("discovery: hub unavailable ({}); cached peers keep syncing", e.getMessage());
                }
                hubWasDown = true;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
