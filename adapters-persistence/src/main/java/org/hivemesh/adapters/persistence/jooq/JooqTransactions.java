package org.hivemesh.adapters.persistence.jooq;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.hivemesh.application.shared.port.out.StorageFull;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.shared.port.out.Transactions.Batch;
import org.hivemesh.application.shared.port.out.Transactions.Outcome;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Transactions with group commit: one writer thread takes every outermost transaction waiting at the time into one
 * database transaction, each in a savepoint of its own, and commits them with one fsync. A work that fails rolls
 * back to its savepoint and fails alone; a storage failure ends the group, and its works run again one by one so only
 * the failing one fails. Consecutive items of one {@link Batch} run together in one savepoint, in one call; if that
 * call fails, they run again each in a savepoint of its own. Nested calls join the transaction around them. Stores
 * read {@link #ctx()}: the transaction's
 * context inside a work, else the read context (on SQLite a pool of its own, so readers never wait for the writer).
 */
final class JooqTransactions implements Transactions, AutoCloseable {
    /** Works in one group at most: bounds how long the first of them waits for the commit. */
    private static final int MAX_GROUP = 256;

    private final DSLContext root;
    private final DSLContext reads;
    private final StorageErrors errors;
    private final ThreadLocal<DSLContext> current = new ThreadLocal<>();
    private final ThreadLocal<List<Runnable>> afterCommit = ThreadLocal.withInitial(ArrayList::new);
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private boolean closed;
    private static final Pending<Void> STOP = new Pending<>(() -> null);

    JooqTransactions(DSLContext root, DSLContext reads, StorageErrors errors, String name) {
        this.root = root;
        this.reads = reads;
        this.errors = errors;
        this.writer = new Thread(this::writeGroups, "hivemesh-writer-" + name);
        writer.setDaemon(true);
        writer.start();
    }

    DSLContext ctx() {
        DSLContext inTransaction = current.get();
        return inTransaction != null ? inTransaction : reads;
    }

    /** Whether this thread runs inside a transaction, which sees its own uncommitted writes. */
    boolean inWork() {
        return current.get() != null;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        return submit(new Pending<>(work));
    }

    @Override
    public <I, R> R inBatch(Batch<I, R> batch, I item) {
        if (current.get() != null) {
            return batch.run(List.of(item)).get(0).get();
        }
        return submit(Pending.batched(batch, item));
    }

    private <T> T submit(Pending<T> pending) {
        boolean queued;
        synchronized (queue) {
            queued = !closed;
            if (queued) {
                queue.add(pending);
            }
        }
        if (!queued) {
            runAlone(pending);
        }
        T result = pending.await();
        pending.after.forEach(Runnable::run);
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

    private void writeGroups() {
        while (true) {
            List<Pending<?>> group = new ArrayList<>();
            try {
                group.add(queue.take());
            } catch (InterruptedException unexpected) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            if (group.remove(STOP)) {
                synchronized (queue) {
                    queue.drainTo(group);
                }
                group.remove(STOP);
                group.forEach(this::runAlone);
                return;
            }
            if (group.size() == 1) {
                runAlone(group.get(0));
            } else {
                runGroup(group);
            }
        }
    }

    private void runGroup(List<Pending<?>> group) {
        try {
            root.transaction(configuration -> {
                DSLContext outer = DSL.using(configuration);
                int i = 0;
                while (i < group.size()) {
                    int end = i + 1;
                    while (end < group.size() && group.get(i).batch != null && group.get(end).batch == group.get(i).batch) {
                        end++;
                    }
                    if (end - i > 1 && runBatch(outer, group.subList(i, end))) {
                        i = end;
                        continue;
                    }
                    for (Pending<?> p : group.subList(i, end)) {
                        try {
                            p.succeed(outer.transactionResult(savepoint -> run(DSL.using(savepoint), p)));
                        } catch (DataAccessException | StorageFull storage) {
                            throw storage;
                        } catch (RuntimeException | Error e) {
                            p.fail(e);
                        }
                    }
                    i = end;
                }
            });
        } catch (RuntimeException | Error groupFailed) {
            group.forEach(p -> p.reset());
            group.forEach(this::runAlone);
            return;
        }
        group.forEach(Pending::done);
    }

    /**
     * Runs the items of one batch in one savepoint and call; false if the call failed (rolled back to the savepoint),
     * so the caller runs them one by one. What the call asked to run after the commit goes with its first success.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean runBatch(DSLContext outer, List<Pending<?>> items) {
        Batch<Object, Object> batch = (Batch<Object, Object>) items.get(0).batch;
        List<Object> inputs = items.stream().map(p -> p.item).toList();
        List<Runnable> after = new ArrayList<>();
        List<Outcome<Object>> outcomes;
        try {
            outcomes = outer.transactionResult(savepoint -> {
                current.set(DSL.using(savepoint));
                try {
                    List<Outcome<Object>> result = batch.run(inputs);
                    if (result.size() != inputs.size()) {
                        throw new IllegalStateException("a batch of " + inputs.size() + " gave " + result.size() + " outcomes");
                    }
                    after.addAll(afterCommit.get());
                    return result;
                } finally {
                    current.remove();
                    afterCommit.remove();
                }
            });
        } catch (DataAccessException | StorageFull storage) {
            throw storage;
        } catch (RuntimeException | Error e) {
            return false;
        }
        boolean first = true;
        for (int k = 0; k < items.size(); k++) {
            Pending p = items.get(k);
            Outcome<Object> outcome = outcomes.get(k);
            if (outcome.failure() != null) {
                p.fail(outcome.failure());
            } else {
                p.succeed(outcome.value());
                if (first) {
                    p.after.addAll(after);
                    first = false;
                }
            }
        }
        return true;
    }

    private <T> void runAlone(Pending<T> p) {
        try {
            p.succeed(root.transactionResult(configuration -> run(DSL.using(configuration), p)));
        } catch (RuntimeException e) {
            // A full disk may surface only at commit, outside any statement the listener sees.
            p.fail(errors.translate(e));
        } catch (Error e) {
            p.fail(e);
        }
        p.done();
    }

    private <T> T run(DSLContext ctx, Pending<T> p) {
        current.set(ctx);
        try {
            T result = p.work.get();
            p.after.addAll(afterCommit.get());
            return result;
        } finally {
            current.remove();
            afterCommit.remove();
        }
    }

    /** Stops the writer once the works already waiting are done; later works run on their callers' threads. */
    @Override
    public void close() {
        synchronized (queue) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
