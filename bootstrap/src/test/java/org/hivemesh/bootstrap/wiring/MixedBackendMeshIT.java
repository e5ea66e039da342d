package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.hivemesh.adapters.persistence.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Instances on PostgreSQL and on SQLite share a hive and reach one digest: storage is an instance's own choice. */
class MixedBackendMeshIT {
    private Node onPostgres;
    private Node alsoOnPostgres;
    private Node onSqlite;

    @AfterEach
    void stop() {
        for (Node n : new Node[] {onPostgres, alsoOnPostgres, onSqlite}) {
            if (n != null) {
                n.stop();
            }
        }
    }

    @Test
    void postgresAndSqliteInstancesConvergeToOneDigest() throws Exception {
        onPostgres = new Node("pg1").start(Map.of("db", "postgres", "jdbc_url", TestDatabases.freshPostgresUrl()));
        alsoOnPostgres = new Node("pg2").start(Map.of("db", "postgres", "jdbc_url", TestDatabases.freshPostgresUrl()));
        onSqlite = new Node("lite").start();
        String group = onPostgres.createSyncedHive("mixed");
        alsoOnPostgres.join(onPostgres, "mixed");
        onSqlite.join(alsoOnPostgres, "mixed");

        for (Node n : List.of(onPostgres, alsoOnPostgres, onSqlite)) {
            Client writer = n.agent("writer-" + n.name);
            for (int i = 0; i < 10; i++) {
                String post = writer.post("/api/v1/hives/mixed/posts", "{\"title\":\"" + n.name + " " + i + "\"}")
                        .json().string("post_id");
                writer.post("/api/v1/votes", "{\"target_type\":\"post\",\"target_id\":\"" + post + "\",\"value\":-1}");
            }
        }

        Mesh.awaitConvergence(group, onPostgres, alsoOnPostgres, onSqlite);
        assertThat(onSqlite.digest(group)).isEqualTo(onPostgres.digest(group)).isEqualTo(alsoOnPostgres.digest(group));
        assertThat(onSqlite.eventCount(group)).isEqualTo(2 + 3 * 10 * 2);
    }
}
