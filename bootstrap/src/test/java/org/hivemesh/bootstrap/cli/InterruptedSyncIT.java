package org.hivemesh.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.bootstrap.config.ConfigLoader;
import org.hivemesh.bootstrap.wiring.Mesh;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import org.junit.jupiter.api.Test;

/** `hivemesh sync` killed with SIGKILL mid-way and run again: nothing lost, nothing stored twice. */
class InterruptedSyncIT {
    private static final Path JAR = Path.of("target", "hivemesh.jar");
    private static final String ADMIN = "admin-token-for-interrupted-sync";

    private static Process sync(Path dataDir, String server) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toAbsolutePath().toString(), "sync", "--server", server,
                "-g", "busy", "--data-dir", dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Files.createTempFile("sync", ".log").toFile()));
        builder.environment().put("HIVEMESH_PULL_PAGE", "5");
        return builder.start();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException notThereYet) {
            return 0;
        }
    }

    private static long localCount(Path dataDir) {
        if (!Files.exists(dataDir.resolve("hivemesh.db"))) {
            return 0;
        }
        try (HivemeshInstance local = HivemeshInstance.openLocal(ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("data_dir", dataDir.toString())))) {
            return local.service(HiveStore.class).byName("busy")
                    .map(h -> local.service(EventStore.class).count(h.groupId())).orElse(0L);
        }
    }

    @Test
    void killingSyncMidwayAndRunningItAgainLosesAndDuplicatesNothing() throws Exception {
        Path serverDir = Files.createTempDirectory("hivemesh-server");
        try (HivemeshInstance server = HivemeshInstance.start(ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("data_dir", serverDir.toString(), "port", "0")), ADMIN)) {
            MeshClient writer = new MeshClient(server.baseUrl(), ADMIN).login("writer");
            writer.write("POST", "/api/v1/hives", "{\"name\":\"busy\"}");
            String group = writer.admin("POST", "/api/v1/sync/groups", "{\"hive_name\":\"busy\"}").string("id");
            for (int i = 0; i < 1500; i++) {
                writer.write("POST", "/api/v1/hives/busy/posts", "{\"title\":\"p" + i + "\"}");
            }
            long total = server.service(SyncGroupsUseCase.class).group(group).eventCount();
            Path local = Files.createTempDirectory("hivemesh-local");
            Path db = local.resolve("hivemesh.db");

            Process first = sync(local, server.baseUrl());
            Mesh.await("the first sync part-way (or ended)", Duration.ofSeconds(60),
                    () -> !first.isAlive() || size(db) + size(local.resolve("hivemesh.db-wal")) >= 250_000);
            first.destroyForcibly().waitFor();
            long afterKill = localCount(local);

            Process second = sync(local, server.baseUrl());
            assertThat(second.waitFor()).isZero();

            assertThat(afterKill).isLessThan(total);
            try (HivemeshInstance store = HivemeshInstance.openLocal(ConfigLoader.load(Optional.empty(), Map.of(),
                    Map.of("data_dir", local.toString())))) {
                String groupId = store.service(HiveStore.class).byName("busy").orElseThrow().groupId();
                assertThat(store.service(EventStore.class).count(groupId)).isEqualTo(total);
                assertThat(store.service(EventStore.class).currentSeq(groupId)).isEqualTo(total);
                assertThat(store.service(StateStore.class).stateDigest(groupId))
                        .isEqualTo(server.service(SyncGroupsUseCase.class).group(group).stateDigest());
            }
        }
    }
}
