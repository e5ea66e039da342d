package org.hivemesh.adapters.persistence.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.application.shared.port.out.Clock;
import org.jooq.SQLDialect;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The embedded default: one SQLite file in WAL mode, foreign keys on, one writer at a time, and a pool of readers
 * that WAL lets read while the writer writes. Every commit is fsynced (synchronous FULL): an acknowledged event
 * survives a power cut, and group commit shares the fsync among the writes waiting at the time.
 */
public final class SqliteDatabase {
    /** Readers at once: a few per core, since a read may wait on the disk. */
    private static final int READERS = 8;
    /** Page cache per connection, in KiB. */
    private static final int CACHE_KIB = 64 * 1024;
    private SqliteDatabase() {
    }

    public static Database open(Path file, Clock clock) {
        createPrivately(file);
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // Savepoint and statement journals only serve rollbacks inside a transaction: in memory, not a temp file each.
        sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(10_000);
        // The default 2 MB page cache stops holding the log's indexes after some tens of thousands of events.
        sqlite.setCacheSize(-CACHE_KIB);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
        config.setDataSourceProperties(sqlite.toProperties());
        // SQLite allows one writer; a single connection serializes writers instead of failing them with SQLITE_BUSY.
        config.setMaximumPoolSize(1);
        config.setPoolName("hivemesh-sqlite");
        HikariDataSource writer = new HikariDataSource(config);
        HikariConfig readConfig = new HikariConfig();
        readConfig.setJdbcUrl(config.getJdbcUrl());
        readConfig.setDataSourceProperties(sqlite.toProperties());
        readConfig.setConnectionInitSql("PRAGMA query_only = true");
        readConfig.setMaximumPoolSize(READERS);
        readConfig.setMinimumIdle(1);
        readConfig.setPoolName("hivemesh-sqlite-read");
        return new Database(writer, Optional.of(new HikariDataSource(readConfig)), SQLDialect.SQLITE,
                "classpath:db/migration/sqlite", clock,
                "sqlite:" + file.toAbsolutePath(),
                e -> e instanceof SQLiteException refused && refused.getResultCode() == SQLiteErrorCode.SQLITE_FULL);
    }

    /**
     * The store holds the instance's private key and the tokens we present to peers, so it is created readable by this
     * user alone; SQLite gives its -wal and -shm files the database file's mode.
     */
    private static void createPrivately(Path file) {
        try {
            if (!Files.exists(file) && Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }
}
