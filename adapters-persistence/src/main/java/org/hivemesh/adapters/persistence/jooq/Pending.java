package org.hivemesh.adapters.persistence.jooq;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hivemesh.application.shared.port.out.Transactions.Batch;

/** One caller's work, its outcome, and what it asked to run after the commit (on the caller's thread). */
final class Pending<T> {
    final Supplier<T> work;
    /** Set for an item of a batch, whose {@link #work} runs it alone. */
    final Batch<?, ?> batch;
    final Object item;
    final List<Runnable> after = new ArrayList<>();
    private Object result;
    private Throwable failure;
    private boolean done;

    Pending(Supplier<T> work) {
        this(work, null, null);
    }

    private Pending(Supplier<T> work, Batch<?, ?> batch, Object item) {
        this.work = work;
        this.batch = batch;
        this.item = item;
    }

    static <I, R> Pending<R> batched(Batch<I, R> batch, I item) {
        return new Pending<>(() -> batch.run(List.of(item)).get(0).get(), batch, item);
    }

    void succeed(Object value) {
        result = value;
    }

    void fail(Throwable e) {
        failure = e;
        after.clear();
    }

    void reset() {
        result = null;
        failure = null;
        after.clear();
    }

    synchronized void done() {
        done = true;
        notifyAll();
    }

    /** Waits for the outcome even when interrupted: the work may have committed, and the caller must know. */
    @SuppressWarnings("unchecked")
    T await() {
        boolean interrupted = false;
        synchronized (this) {
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return (T) result;
    }
}
