package org.hivemesh.bootstrap.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A benchmark run's room: a temporary directory and, on PostgreSQL, a schema of its own, both removed when the run
 * closes it. A 1M-event import leaves gigabytes in either, so a run set would otherwise fill the disk.
 */
final class Scratch implements AutoCloseable {
    final Path dir;
    /** The storage settings of an instance that keeps its data here. */
    final Map<String, String> storage;
    private final Optional<String> jdbcUrl;
    private final Optional<String> schema;

    private Scratch(Path dir, Map<String, String> storage, Optional<String> jdbcUrl, Optional<String> schema) {
        this.dir = dir;
        this.storage = Map.copyOf(storage);
        this.jdbcUrl = jdbcUrl;
        this.schema = schema;
    }

    /** A directory only: every instance of the run on embedded SQLite. */
    static Scratch dir() throws IOException {
        return new Scratch(Files.createTempDirectory("hivemesh-bench"), Map.of(), Optional.empty(), Optional.empty());
    }

    /** A directory, and a new schema when {@code db} is postgres; {@code label} names the schema. */
    static Scratch of(String db, String jdbcUrl, String label) throws IOException, SQLException {
        if ("sqlite".equals(db)) {
            return dir();
        }
        if (!"postgres".equals(db)) {
            throw new IllegalArgumentException("--db must be sqlite or postgres");
        }
        if (jdbcUrl == null) {
            throw new IllegalArgumentException("--db postgres needs --jdbc-url");
        }
        String schema = "hivemesh_bench_" + System.currentTimeMillis() + "_" + label;
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("db", "postgres");
        settings.put("jdbc_url", jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        return new Scratch(Files.createTempDirectory("hivemesh-bench"), settings, Optional.of(jdbcUrl), Optional.of(schema));
    }

    @Override
    public void close() throws IOException, SQLException {
        if (schema.isPresent()) {
            try (Connection c = DriverManager.getConnection(jdbcUrl.orElseThrow()); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema.get() + " CASCADE");
            }
        }
        deleteTree(dir);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
