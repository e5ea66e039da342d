package org.hivemesh.adapters.persistence.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.application.port.out.Clock;
import org.jooq.SQLDialect;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The embedded default: one SQLite file in WAL mode, foreign keys on, one writer at a time. */
public final class SqliteDatabase {
    private SqliteDatabase() {
    }

    public static Database open(Path file, Clock clock) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(10_000);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
        config.setDataSourceProperties(sqlite.toProperties());
        // SQLite allows one writer; a single connection serializes writers instead of failing them with SQLITE_BUSY.
        config.setMaximumPoolSize(1);
        config.setPoolName("hivemesh-sqlite");
        return new Database(new HikariDataSource(config), SQLDialect.SQLITE, "classpath:db/migration/sqlite", clock,
                "sqlite:" + file.toAbsolutePath(),
                e -> e instanceof SQLiteException refused && refused.getResultCode() == SQLiteErrorCode.SQLITE_FULL);
    }
}
