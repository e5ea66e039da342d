package org.hivemesh.adapters.persistence.jooq;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * One statement, rendered by jOOQ once, run for many rows as a JDBC batch. jOOQ's batch converts every bind value
 * through its type bindings, which on the writer thread cost more than SQLite's insert itself; the values here are
 * plain strings and numbers, set as they are. Errors reach the transaction as jOOQ's, so they are translated there.
 */
final class JdbcBatch {
    private final String sql;
    private final List<Object[]> rows = new ArrayList<>();

    /** {@code template}: the statement with a placeholder for every value of a row. */
    JdbcBatch(DSLContext c, Query template) {
        this.sql = c.render(template);
    }

    JdbcBatch add(Object... row) {
        rows.add(row);
        return this;
    }

    void execute(DSLContext c) {
        if (rows.isEmpty()) {
            return;
        }
        c.connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        statement.setObject(i + 1, row[i]);
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }
}
