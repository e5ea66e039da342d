package org.hivemesh.adapters.persistence.jooq;

import java.sql.SQLException;
import java.util.function.Predicate;
import org.hivemesh.application.shared.port.out.StorageFull;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Turns the vendor's "no room left" errors into {@link StorageFull}, for every statement (as a jOOQ listener) and
 * for commits ({@link #translate}); every other error passes unchanged.
 */
final class StorageErrors implements ExecuteListener {
    private final Predicate<SQLException> storageFull;

    /** {@code storageFull} recognises the vendor's error: SQLITE_FULL, or PostgreSQL's SQLSTATE 53100. */
    StorageErrors(Predicate<SQLException> storageFull) {
        this.storageFull = storageFull;
    }

    RuntimeException translate(RuntimeException error) {
        if (error instanceof StorageFull) {
            return error;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && storageFull.test(sql)) {
                return new StorageFull("the store is full: " + sql.getMessage(), error);
            }
        }
        return error;
    }

    @Override
    public void exception(ExecuteContext ctx) {
        if (ctx.exception() != null) {
            ctx.exception(translate(ctx.exception()));
        }
    }
}
