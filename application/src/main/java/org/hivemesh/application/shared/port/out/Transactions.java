package org.hivemesh.application.shared.port.out;

import java.util.List;
import java.util.function.Supplier;

/** Runs work in one store transaction: the event append and its materialization commit together. */
public interface Transactions {
    <T> T inTransaction(Supplier<T> work);

    /** Runs {@code action} once the current transaction has committed, or now if there is none. */
    void afterCommit(Runnable action);

    /**
     * Runs one item of a batched work in a transaction and returns its outcome. A store with group commit runs the
     * items of one {@code batch} that wait at the same time in one call, so they share its statements; without, each
     * runs alone.
     */
    default <I, R> R inBatch(Batch<I, R> batch, I item) {
        return inTransaction(() -> batch.run(List.of(item)).get(0).get());
    }

    /** Work that runs for many items at once inside one transaction. */
    @FunctionalInterface
    interface Batch<I, R> {
        /**
         * One outcome per item, in the items' order. An item failed alone must have left nothing in the store; a
         * thrown exception fails the whole call, whose items are then run again one by one.
         */
        List<Outcome<R>> run(List<I> items);
    }

    /** An item's result, or the exception its caller gets. */
    record Outcome<R>(R value, RuntimeException failure) {
        public static <R> Outcome<R> of(R value) {
            return new Outcome<>(value, null);
        }

        public static <R> Outcome<R> failed(RuntimeException failure) {
            return new Outcome<>(null, failure);
        }

        public R get() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}
