package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.adapters.persistence.sqlite.SqliteDatabase;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.hive.HiveState;
import org.junit.jupiter.api.Test;

/** kill -9 of the real `hivemesh serve` process while agents write: nothing acknowledged is lost, the store stays consistent. */
class CrashIT {
    private static final Path JAR = Path.of("target", "hivemesh.jar");

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Process serve(Path dataDir, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toAbsolutePath().toString(), "serve", "--data-dir",
                dataDir.toString(), "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("serve.log").toFile()));
        builder.environment().put("HIVEMESH_ADMIN_TOKEN", InstanceContract.ADMIN);
        return builder.start();
    }

    private static Client awaitReady(String base) throws InterruptedException {
        Client client = new Client(base, InstanceContract.ADMIN);
        Mesh.await("the instance at " + base + " ready", Duration.ofSeconds(90), () -> {
            try {
                return client.send("GET", "/readyz", null, null).status() == 200;
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
        return client;
    }

    @Test
    void acknowledgedWritesSurviveKillNineAndTheStoreStaysConsistent() throws Exception {
        Path dataDir = Files.createTempDirectory("hivemesh-crash");
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        Process server = serve(dataDir, port);
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        try {
            Client alice = awaitReady(base).loginAs("alice");
            assertThat(alice.post("/api/v1/hives", "{\"name\":\"crash\"}").status()).isEqualTo(201);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                Thread thread = new Thread(() -> {
                    for (int i = 0; writing.get() && i < 10_000; i++) {
                        try {
                            Client.Reply reply = alice.post("/api/v1/hives/crash/posts", "{\"title\":\"w" + writer + " #" + i + "\"}");
                            if (reply.status() == 201) {
                                acknowledged.add(reply.json().string("post_id"));
                            }
                        } catch (IllegalStateException connectionLost) {
                            return;
                        }
                    }
                });
                thread.start();
                writers.add(thread);
            }
            Mesh.await("30 acknowledged writes", () -> acknowledged.size() >= 30);
            server.destroyForcibly().waitFor();
            writing.set(false);
            for (Thread thread : writers) {
                thread.join();
            }
        } finally {
            server.destroyForcibly().waitFor();
        }

        try (Database db = SqliteDatabase.open(dataDir.resolve("hivemesh.db"), Instant::now)) {
            db.migrate();
            HiveRecord hive = db.hives().byName("crash").orElseThrow();
            List<Event> log = new ArrayList<>();
            for (StoredEvent stored : db.events().read(hive.groupId(), 0, Integer.MAX_VALUE)) {
                log.add(stored.event());
            }
            assertThat(db.events().currentSeq(hive.groupId())).isEqualTo(log.size());
            assertThat(db.state().stateDigest(hive.groupId()))
                    .isEqualTo(HiveState.project(hive.owner(), log).stateDigest());
            List<String> stored = HiveState.project(hive.owner(), log).posts().stream()
                    .map(p -> p.postId()).toList();
            assertThat(stored).containsAll(acknowledged);
        }

        Process restarted = serve(dataDir, port);
        try {
            Client bob = awaitReady(base).loginAs("bob");
            for (String postId : acknowledged.subList(0, 5)) {
                assertThat(bob.get("/api/v1/posts/" + postId).status()).isEqualTo(200);
            }
            assertThat(bob.post("/api/v1/hives/crash/posts", "{\"title\":\"after the crash\"}").status()).isEqualTo(201);
        } finally {
            restarted.destroy();
            restarted.waitFor();
        }
        assertThat(new File(dataDir.toFile(), "admin.token")).doesNotExist();
    }
}
