package org.hivemesh.adapters.persistence.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * Backs up a SQLite store while a server writes to it, and puts a backup in place as the store of an empty data dir.
 * The backup is SQLite's online backup API in one step: one read transaction, so the copy is the store as it was at
 * one instant, and in WAL mode the server's writers go on meanwhile.
 */
public final class SqliteBackup {
    private SqliteBackup() {
    }

    /** What a backup holds: its size, the schema version it was written at and how many events it has. */
    public record Summary(long bytes, String schemaVersion, long events) {
    }

    /** Refuses (IllegalArgumentException) when there is no store at {@code store} or {@code to} exists already. */
    public static Summary backup(Path store, Path to) {
        if (!Files.isRegularFile(store)) {
            throw new IllegalArgumentException("no SQLite store at " + store.toAbsolutePath() + "; give the data dir of "
                    + "the instance to back up with --data-dir (a PostgreSQL instance is backed up with pg_dump, see README)");
        }
        if (Files.exists(to)) {
            throw new IllegalArgumentException(to.toAbsolutePath() + " exists already; back up to a new file");
        }
        Path temp = null;
        try {
            Path dir = to.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // The store holds the instance's private key: so does its backup, readable by this user alone.
            temp = Files.createTempFile(dir, to.getFileName().toString(), ".partial",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Connection source = open(store)) {
                int code = source.unwrap(SQLiteConnection.class).getDatabase().backup("main", temp.toString(), null,
                        100, 100, -1);
                if (code != 0) {
                    throw new IllegalStateException("SQLite backup of " + store + " failed with code " + code
                            + "; try again (a long write may hold the store)");
                }
            }
            Summary summary = check(temp);
            Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup " + to.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot back up " + store + ": " + e.getMessage(), e);
        } finally {
            deleteIfLeft(temp);
        }
    }

    /**
     * Checks {@code backup} (integrity, a hivemesh schema) and copies it to {@code store}, which must not exist: a
     * restore never overwrites a store. The server migrates the schema on its next start, as after an upgrade.
     */
    public static Summary restore(Path backup, Path store) {
        if (!Files.isRegularFile(backup)) {
            throw new IllegalArgumentException("no backup file at " + backup.toAbsolutePath() + "; give the file "
                    + "`hivemesh backup --to` wrote");
        }
        if (Files.exists(store)) {
            throw new IllegalArgumentException("the data dir already has a store (" + store.toAbsolutePath()
                    + "); restore into an empty data dir, or move that store away first");
        }
        Summary summary = check(backup);
        Path temp = null;
        try {
            temp = Files.createTempFile(store.toAbsolutePath().getParent(), "hivemesh.db", ".partial",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.copy(backup, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, store, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore into " + store.toAbsolutePath() + ": " + e.getMessage(), e);
        } finally {
            deleteIfLeft(temp);
        }
    }

    private static Summary check(Path file) {
        try (Connection c = open(file); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                r.next();
                if (!"ok".equals(r.getString(1))) {
                    throw new IllegalArgumentException(file + " is damaged (" + r.getString(1) + "); use another backup");
                }
            }
            String version;
            try (ResultSet r = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success = 1 "
                    + "ORDER BY installed_rank DESC LIMIT 1")) {
                version = r.next() ? r.getString(1) : "none";
            }
            long events;
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM events")) {
                r.next();
                events = r.getLong(1);
            }
            return new Summary(Files.size(file), version, events);
        } catch (SQLException e) {
            throw new IllegalArgumentException(file + " is not a hivemesh SQLite store (" + e.getMessage()
                    + "); give a file `hivemesh backup --to` wrote", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Read-write, though nothing is written: a read-only connection cannot open a WAL file without its -shm. */
    private static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    }

    private static void deleteIfLeft(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the partial file " + temp, e);
            }
        }
    }
}
