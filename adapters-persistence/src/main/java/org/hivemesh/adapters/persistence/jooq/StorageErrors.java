package org.hivemesh.adapters.persistence.jooq;

import java.sql.SQLException;
import java.util.function.Predicate;
import org.hivemesh.application.shared.port.out.StorageFull;
import org.hivemesh.application.shared.port.out.StoreConflict;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Turns the vendor's "no room left" errors into {@link StorageFull} and integrity violations (a unique key taken by a
 * concurrent writer) into {@link StoreConflict}, for every statement (as a jOOQ listener) and for commits
 * ({@link #translate}); every other error passes unchanged.
 */
final class StorageErrors implements ExecuteListener {
    private static final int SQLITE_CONSTRAINT = 19;

    private final Predicate<SQLException> storageFull;

    /** {@code storageFull} recognises the vendor's error: SQLITE_FULL, or PostgreSQL's SQLSTATE 53100. */
    StorageErrors(Predicate<SQLException> storageFull) {
        this.storageFull = storageFull;
    }

    RuntimeException translate(RuntimeException error) {
        if (error instanceof StorageFull || error instanceof StoreConflict) {
            return error;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && storageFull.test(sql)) {
                return new StorageFull("the store is full: " + sql.getMessage(), error);
            }
            if (cause instanceof SQLException sql && integrityViolation(sql)) {
                return new StoreConflict("the write conflicts with what is stored: " + sql.getMessage(), error);
            }
        }
        return error;
    }

    /** SQLSTATE class 23 (PostgreSQL), or SQLITE_CONSTRAINT, whose driver reports no SQLSTATE. */
    private static boolean integrityViolation(SQLException sql) {
        String state = sql.getSQLState();
        return state != null ? state.startsWith("23") : (sql.getErrorCode() & 0xff) == SQLITE_CONSTRAINT;
    }

    @Override
    public void exception(ExecuteContext ctx) {
        if (ctx.exception() != null) {
            ctx.exception(translate(ctx.exception()));
        }
    }
}
