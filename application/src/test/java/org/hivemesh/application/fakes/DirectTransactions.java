package org.hivemesh.application.fakes;

import java.util.function.Supplier;
import org.hivemesh.application.shared.port.out.Transactions;

/** In-memory fakes have nothing to roll back; work runs under one lock so it is still serialized. */
public final class DirectTransactions implements Transactions {
    @Override
    public synchronized <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }

    @Override
    public void afterCommit(Runnable action) {
        action.run();
    }
}
