package org.hivemesh.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hivemesh.adapters.persistence.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** The benchmark commands run end to end on tiny inputs; their figures are for people, so only the report is checked. */
class BenchIT {
    @Test
    void importPrintsItsWarmUpAndEveryCountedRunAndSummarizesOnlyTheCountedOnes() {
        Cli.Run run = Cli.run("bench", "import", "--events", "40", "--runs", "2", "--warmup", "1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("2 runs after 1 warm-up").contains("warm-up 1: new 40, duplicate 0, rejected 0")
                .contains("run 1: new 40, duplicate 0, rejected 0").contains("run 2: new 40, duplicate 0, rejected 0")
                .doesNotContain("run 3:").doesNotContain("warm-up 2:");
        assertThat(run.out()).containsPattern("events/s +min +[0-9.]+ +median +[0-9.]+ +max +[0-9.]+");
    }

    @Test
    void ingestBackfillAndHttpEachReportTheirRun() {
        Cli.Run ingest = Cli.run("bench", "ingest", "--events", "30", "--writers", "4", "--runs", "1", "--warmup", "0");
        assertThat(ingest.exitCode()).isZero();
        assertThat(ingest.out()).contains("run 1: 30 events in").doesNotContain("warm-up");

        Cli.Run backfill = Cli.run("bench", "backfill", "--events", "40", "--runs", "1", "--warmup", "0");
        assertThat(backfill.exitCode()).isZero();
        assertThat(backfill.out()).containsPattern("run 1: [0-9]+ events stored in [0-9]+ ms .*identical digest after");

        Cli.Run http = Cli.run("bench", "http", "--clients", "2", "--seconds", "1", "--runs", "1", "--warmup", "0");
        assertThat(http.exitCode()).isZero();
        assertThat(http.out()).containsPattern("run 1: [1-9][0-9]* requests in .*; 0 errors").contains("errors in all runs: 0");
    }

    @Test
    void aBenchmarkRemovesItsDirectoriesAndItsPostgresSchemasWhenItEnds() throws Exception {
        String postgres = TestDatabases.postgresUrl();
        Set<String> dirsBefore = benchDirectories();
        Set<String> schemasBefore = benchSchemas(postgres);

        Cli.Run onSqlite = Cli.run("bench", "import", "--events", "40", "--runs", "1", "--warmup", "1");
        Cli.Run onPostgres = Cli.run("bench", "backfill", "--events", "40", "--runs", "1", "--warmup", "1",
                "--db", "postgres", "--jdbc-url", postgres);

        assertThat(onSqlite.exitCode()).isZero();
        assertThat(onPostgres.exitCode()).isZero();
        assertThat(onPostgres.out()).containsPattern("run 1: [0-9]+ events stored in [0-9]+ ms .*identical digest after");
        assertThat(benchDirectories()).isEqualTo(dirsBefore);
        assertThat(benchSchemas(postgres)).isEqualTo(schemasBefore);
    }

    private static Set<String> benchDirectories() throws Exception {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return new TreeSet<>(entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("hivemesh-bench")).toList());
        }
    }

    private static Set<String> benchSchemas(String jdbcUrl) throws Exception {
        Set<String> schemas = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'hivemesh_bench_%'")) {
            while (r.next()) {
                schemas.add(r.getString(1));
            }
        }
        return schemas;
    }
}
