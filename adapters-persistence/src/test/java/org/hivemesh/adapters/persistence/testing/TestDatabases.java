package org.hivemesh.adapters.persistence.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.adapters.persistence.postgres.PostgresDatabase;
import org.hivemesh.adapters.persistence.sqlite.SqliteDatabase;
import org.hivemesh.application.shared.port.out.Clock;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Real databases for tests. PostgreSQL comes from HIVEMESH_TEST_PG_URL, else from Testcontainers where a
 * Docker engine answers; with neither, tests fail loudly instead of skipping.
 */
public final class TestDatabases {
    private static final Clock SYSTEM = Instant::now;
    private static String postgresUrl;

    private TestDatabases() {
    }

    public static Database sqlite() {
        try {
            Path dir = Files.createTempDirectory("hivemesh-test");
            Database db = SqliteDatabase.open(dir.resolve("hivemesh.db"), SYSTEM);
            db.migrate();
            return db;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A migrated database in a schema of its own, so suites never see each other's rows. */
    public static Database postgres() {
        Database db = PostgresDatabase.open(freshPostgresUrl(), null, null, 4, SYSTEM);
        db.migrate();
        return db;
    }

    /** The test server's URL pointing at a new, empty schema. */
    public static String freshPostgresUrl() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection connection = DriverManager.getConnection(postgresUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema: " + e.getMessage(), e);
        }
        return postgresUrl() + (postgresUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static synchronized String postgresUrl() {
        if (postgresUrl != null) {
            return postgresUrl;
        }
        String fromEnv = System.getenv("HIVEMESH_TEST_PG_URL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            postgresUrl = fromEnv;
        } else if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            postgresUrl = container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
                    + "user=" + container.getUsername() + "&password=" + container.getPassword();
        } else {
            throw new IllegalStateException("The PostgreSQL suite needs HIVEMESH_TEST_PG_URL or a Docker engine; "
                    + "./scripts/test provides one. It is never skipped.");
        }
        return postgresUrl;
    }
}
