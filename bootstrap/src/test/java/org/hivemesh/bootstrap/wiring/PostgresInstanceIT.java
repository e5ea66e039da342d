package org.hivemesh.bootstrap.wiring;

import java.nio.file.Path;
import java.util.Map;
import org.hivemesh.adapters.persistence.testing.TestDatabases;

/** The same instance on PostgreSQL; the database comes from TestDatabases and is never skipped. */
class PostgresInstanceIT extends InstanceContract {
    private final String url = TestDatabases.freshPostgresUrl();

    @Override
    Map<String, String> storageFlags(Path dataDir) {
        return Map.of("db", "postgres", "jdbc_url", url);
    }
}
