package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.hivemesh.adapters.persistence.testing.TestDatabases;
import org.hivemesh.bootstrap.cli.Cli;
import org.hivemesh.bootstrap.cli.Cli.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** `hivemesh backup` of a live SQLite instance under writes, `hivemesh restore`, and a pg_dump / pg_restore round trip. */
class BackupRestoreIT {
    private final List<Node> nodes = new ArrayList<>();

    private Node node(Node node) {
        nodes.add(node);
        return node;
    }

    @AfterEach
    void stopAll() {
        nodes.forEach(Node::stop);
    }


    /**
     * A is backed up while B's writes stream into it; A is then lost. What A held at the backup comes back; what
     * B wrote after it, and what A itself wrote after it and had pushed to B, come from B once the restored A pulls.
     */
    @Test
    void aBackupTakenUnderWritesRestoresIntoAFreshDataDirAndSyncResumes() throws Exception {
        Node a = node(new Node("a").start());
        Node b = node(new Node("b").start());
        String group = a.createSyncedHive("kept");
        b.join(a, "kept");
        for (int i = 0; i < 10; i++) {
            a.agent("author").post("/api/v1/hives/kept/posts", "{\"title\":\"from a " + i + "\"}");
        }
        Client writer = b.agent("writer");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writes = new Thread(() -> {
            while (writing.get()) {
                writer.post("/api/v1/hives/kept/posts", "{\"title\":\"from b " + written.get() + "\"}");
                written.incrementAndGet();
            }
        });
        writes.start();
        Mesh.await("b's writes arriving on a", () -> a.eventCount(group) >= 2 + 10 + 20);
        long before = a.eventCount(group);
        Path backup = Files.createTempDirectory("hivemesh-backups").resolve("a.db");

        Run taken = Cli.run("backup", "--data-dir", a.dataDir.toString(), "--to", backup.toString(), "--json");

        long after = a.eventCount(group);
        int writtenAtBackup = written.get();
        Mesh.await("writes after the backup", () -> written.get() >= writtenAtBackup + 20);
        for (int i = 0; i < 5; i++) {
            a.agent("author").post("/api/v1/hives/kept/posts", "{\"title\":\"from a after the backup " + i + "\"}");
        }
        writing.set(false);
        writes.join();
        assertThat(taken.exitCode()).as(taken.err()).isZero();
        assertThat(taken.out()).contains("\"events\":", "\"schema_version\":");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
        Mesh.awaitConvergence(group, a, b);
        String instanceId = a.instanceId();
        a.stop();

        // A new data dir, at the lost instance's address (where its peers look for it).
        Node restored = node(new Node("restored", a.port));
        Run refusedIntoUsedDir = Cli.run("restore", "--from", backup.toString(), "--data-dir", b.dataDir.toString());
        Run put = Cli.run("restore", "--from", backup.toString(), "--data-dir", restored.dataDir.toString());
        Run notTwice = Cli.run("restore", "--from", backup.toString(), "--data-dir", restored.dataDir.toString());
        assertThat(refusedIntoUsedDir.exitCode()).isEqualTo(1);
        assertThat(refusedIntoUsedDir.err()).contains("is in use by a hivemesh server");
        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(put.out()).startsWith("restored " + backup);
        assertThat(notTwice.exitCode()).isEqualTo(2);
        assertThat(notTwice.err()).contains("the data dir already has a store");
        restored.start();

        // The restored store is the live one at one instant of the backup: between the counts around it.
        assertThat(restored.instanceId()).isEqualTo(instanceId);
        assertThat(restored.eventCount(group)).isBetween(before, after);
        Mesh.awaitConvergence(group, restored, b);
        assertThat(restored.agent("reader").get("/api/v1/hives/kept/feed?limit=100&sort=new").body())
                .as("what A wrote after its backup came back from B").contains("from a after the backup 4");
        long converged = b.eventCount(group);
        restored.agent("after").post("/api/v1/hives/kept/posts", "{\"title\":\"after the restore\"}");
        Mesh.await("the restored instance's post on b", () -> b.eventCount(group) == converged + 1);
        Mesh.awaitConvergence(group, restored, b);
    }

    @Test
    void aPostgresInstanceComesBackFromPgDumpAndPgRestore() throws Exception {
        String url = TestDatabases.freshPostgresUrl();
        Node pg = node(new Node("pg").start(Map.of("db", "postgres", "jdbc_url", url)));
        String group = pg.createSyncedHive("dumped");
        pg.agent("alice").post("/api/v1/hives/dumped/posts", "{\"title\":\"kept through pg_dump\"}");
        String digest = pg.digest(group);
        long events = pg.eventCount(group);
        pg.stop();
        Postgres target = Postgres.of(url);
        Path dump = Files.createTempDirectory("hivemesh-pgdump").resolve("hivemesh.dump");

        // What README's "Backup and restore" says, for one schema: dump, lose the data, restore.
        target.run("pg_dump", "--format=custom", "--schema=" + target.schema, "--file=" + dump);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + target.schema + " CASCADE");
        }
        target.run("pg_restore", "--no-owner", "--dbname=" + target.database, dump.toString());
        pg.start(Map.of("db", "postgres", "jdbc_url", url));

        assertThat(pg.digest(group)).isEqualTo(digest);
        assertThat(pg.eventCount(group)).isEqualTo(events);
    }

    /** The pieces of a JDBC URL the PostgreSQL tools take, the password through PGPASSWORD. */
    private record Postgres(String host, int port, String database, String user, String password, String schema) {
        static Postgres of(String jdbcUrl) {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            Map<String, String> query = new java.util.HashMap<>();
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
            return new Postgres(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1),
                    query.get("user"), query.get("password"), query.get("currentSchema"));
        }

        void run(String tool, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(tool, "--host=" + host, "--port=" + port,
                    "--username=" + user));
            command.addAll(List.of(args));
            if (!tool.equals("pg_restore")) {
                command.add(database);
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", password);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(tool + " ends").isTrue();
            assertThat(process.exitValue()).as(tool + ": " + output).isZero();
        }
    }
}
