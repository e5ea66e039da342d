package org.hivemesh.application.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hivemesh.application.shared.port.out.Transactions;

/**
 * In-memory fakes have nothing to roll back; work runs under one lock so it is still serialized. After-commit actions
 * wait for the outermost transaction and are dropped if it fails, as the jOOQ adapter runs them: a service that sends
 * a message "after commit" must not see it sent while it is still inside its transaction.
 */
public final class DirectTransactions implements Transactions {
    private final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (afterCommit.get() != null) {
            return work.get();
        }
        List<Runnable> actions = new ArrayList<>();
        T result;
        synchronized (this) {
            afterCommit.set(actions);
            try {
                result = work.get();
            } finally {
                afterCommit.remove();
            }
        }
        actions.forEach(Runnable::run);
        return result;
    }

    @Override
    public void afterCommit(Runnable action) {
        List<Runnable> pending = afterCommit.get();
        if (pending == null) {
            action.run();
        } else {
            pending.add(action);
        }
    }
}
