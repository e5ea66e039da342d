package org.hivemesh.adapters.persistence.jooq;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hivemesh.application.shared.port.out.Transactions;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** One jOOQ transaction per outermost call; nested calls join it. Stores read {@link #ctx()} so they join too. */
final class JooqTransactions implements Transactions {
    private final DSLContext root;
    private final StorageErrors errors;
    private final ThreadLocal<DSLContext> current = new ThreadLocal<>();
    private final ThreadLocal<List<Runnable>> afterCommit = ThreadLocal.withInitial(ArrayList::new);

    JooqTransactions(DSLContext root, StorageErrors errors) {
        this.root = root;
        this.errors = errors;
    }

    DSLContext ctx() {
        DSLContext inTransaction = current.get();
        return inTransaction != null ? inTransaction : root;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        T result;
        try {
            result = root.transactionResult(configuration -> {
                current.set(DSL.using(configuration));
                try {
                    return work.get();
                } finally {
                    current.remove();
                }
            });
        } catch (RuntimeException e) {
            afterCommit.remove();
            // A full disk may surface only at commit, outside any statement the listener sees.
            throw errors.translate(e);
        }
        List<Runnable> actions = List.copyOf(afterCommit.get());
        afterCommit.remove();
        actions.forEach(Runnable::run);
        return result;
    }

    @Override
    public void afterCommit(Runnable action) {
        if (current.get() == null) {
            action.run();
        } else {
            afterCommit.get().add(action);
        }
    }
}
