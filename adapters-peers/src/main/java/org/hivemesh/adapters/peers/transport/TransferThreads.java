package org.hivemesh.adapters.peers.transport;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Threads that overlap a transfer's network calls with storing: the next page is fetched while this one is stored.
 * Apart from the round workers, so a round waiting on its prefetch never waits for a worker of its own pool.
 */
public final class TransferThreads implements Executor, AutoCloseable {
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "hivemesh-transfer");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
