package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A joining instance is killed (SIGKILL) halfway through its backfill; restarted, it resumes from its cursor. */
class CrashDuringBackfillIT {
    private static final Path JAR = Path.of("target", "hivemesh.jar");
    private Node a;
    private Process b;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (b != null) {
            b.destroyForcibly().waitFor();
        }
        if (a != null) {
            a.stop();
        }
    }

    private static Process serve(Path dataDir, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toAbsolutePath().toString(), "serve",
                "--data-dir", dataDir.toString(), "--port", String.valueOf(port), "--heartbeat-interval", "1s")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("serve.log").toFile()));
        builder.environment().put("HIVEMESH_ADMIN_TOKEN", Node.ADMIN);
        builder.environment().put("HIVEMESH_PULL_PAGE", "5");
        builder.environment().put("HIVEMESH_SYNC_BACKOFF_MAX", "1s");
        return builder.start();
    }

    private static Client ready(int port) throws InterruptedException {
        Client client = new Client("http://127.0.0.1:" + port, Node.ADMIN);
        Mesh.await("ready on port " + port, Duration.ofSeconds(90), () -> {
            try {
                return client.send("GET", "/readyz", null, null).status() == 200;
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
        return client;
    }

    private static long count(Client admin, String group) {
        Client.Reply reply = admin.send("GET", "/api/v1/sync/groups/" + group, Node.ADMIN, null);
        return reply.status() == 200 ? (long) reply.json().number("event_count") : 0;
    }

    @Test
    void anInterruptedBackfillResumesFromItsCursorWithNothingLostOrDuplicated() throws Exception {
        a = new Node("a").start();
        String group = a.createSyncedHive("backfill");
        Client writer = a.agent("writer");
        for (int i = 0; i < 1500; i++) {
            writer.post("/api/v1/hives/backfill/posts", "{\"title\":\"post " + i + "\"}");
        }
        long total = a.eventCount(group);

        Path dataDir = Files.createTempDirectory("hivemesh-b");
        int port = Node.freePort();
        b = serve(dataDir, port);
        Client admin = ready(port);
        assertThat(admin.send("POST", "/api/v1/sync/groups/join", Node.ADMIN,
                "{\"peer_endpoint\":\"" + a.base() + "\",\"hive_name\":\"backfill\"}").status()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        long seen = Mesh.awaitValue("b part-way through its backfill", Mesh.left(deadline), () -> count(admin, group),
                n -> n >= 60);
        b.destroyForcibly().waitFor();
        assertThat(seen).isGreaterThanOrEqualTo(60).isLessThan(total);

        b = serve(dataDir, port);
        Client again = ready(port);
        Mesh.await("b's backfill resumed to the end", Mesh.left(deadline), () -> count(again, group) >= total);
        Client.Reply status = again.send("GET", "/api/v1/sync/groups/" + group, Node.ADMIN, null);
        assertThat((long) status.json().number("event_count")).isEqualTo(total);
        assertThat((long) status.json().number("local_seq")).isEqualTo(total);
        assertThat(status.json().string("state_digest")).isEqualTo(a.digest(group));
    }
}
