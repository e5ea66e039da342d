package org.hivemesh.adapters.peers.discovery;

import java.time.Duration;
import java.util.function.Supplier;
import org.hivemesh.application.discovery.port.in.PeerDiscoveryUseCases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes discovery on an interval, and at once when the hub reports a change of membership while the worker waits
 * on it (one long poll at a time, never longer than the interval); a hub that cannot wait is polled on the interval.
 * A hub that is down is logged and tried again, cached peers keep syncing.
 */
public final class DiscoveryWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryWorker.class);

    /** The least time between two refreshes, so a hub whose membership keeps changing cannot make the worker spin. */
    private static final Duration MIN_GAP = Duration.ofMillis(200);

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
            long deadline = System.nanoTime() + interval.toNanos();
            boolean changed = !hubWasDown && waitForChange(deadline);
            long left = changed ? MIN_GAP.toMillis() : (deadline - System.nanoTime()) / 1_000_000;
            try {
                Thread.sleep(Math.max(left, MIN_GAP.toMillis()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Long polls until the hub reports a change or the interval is over; false at once when there is nothing to wait
     * on (no hub, or a hub without membership versions), which leaves the worker polling on the interval.
     */
    private boolean waitForChange(long deadline) {
        while (running) {
            long left = deadline - System.nanoTime();
            if (left <= MIN_GAP.toNanos()) {
                return false;
            }
            long asked = System.nanoTime();
            try {
                if (discovery.get().awaitChange(Duration.ofNanos(left))) {
                    return true;
                }
            } catch (RuntimeException e) {
                LOG.debug("discovery: waiting on the hub failed ({}); polling", e.getMessage());
                return false;
            }
            if (System.nanoTime() - asked < MIN_GAP.toNanos()) {
                return false;
            }
        }
        return false;
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
