package org.hivemesh.application.shared.port.out;

import java.util.function.Supplier;

/** Runs work in one store transaction: the event append and its materialization commit together. */
public interface Transactions {
    <T> T inTransaction(Supplier<T> work);

    /** Runs {@code action} once the current transaction has committed, or now if there is none. */
    void afterCommit(Runnable action);
}
