package org.hivemesh.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.sync.port.in.GroupStatus;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.application.sync.port.in.SyncPeersUseCase;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.bootstrap.config.ConfigLoader;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import org.junit.jupiter.api.Test;

/** One-shot exchange of a hive with an instance that is not a peer. */
class FederateIT {
    private static final String ADMIN = "admin-token-for-federation";

    @Test
    void pullThenPushAWholeHiveAndLeaveNoStandingLink() throws Exception {
        try (HivemeshInstance source = HivemeshInstance.start(ConfigLoader.load(Optional.empty(), Map.of(), Map.of(
                "data_dir", Files.createTempDirectory("hivemesh-a").toString(), "port", "0")), ADMIN)) {
            MeshClient alice = new MeshClient(source.baseUrl(), ADMIN).login("alice");
            alice.write("POST", "/api/v1/hives", "{\"name\":\"shared\"}");
            String group = alice.admin("POST", "/api/v1/sync/groups", "{\"hive_name\":\"shared\"}").string("id");
            for (int i = 0; i < 20; i++) {
                alice.write("POST", "/api/v1/hives/shared/posts", "{\"title\":\"p" + i + "\"}");
            }
            String local = Files.createTempDirectory("hivemesh-b").toString();

            Cli.Run pulled = Cli.run("federate", "--pull", "--source", source.baseUrl(), "-g", "shared", "--data-dir", local);
            Cli.run("record", "--offline", "--data-dir", local, "-g", "shared", "post", "--title", "from b");
            Cli.Run pushed = Cli.run("federate", "--push", "--target", source.baseUrl(), "-g", "shared", "--data-dir", local);

            assertThat(pulled.exitCode()).isZero();
            assertThat(pulled.out()).contains("pulled 21");
            assertThat(pushed.out()).contains("pushed 1");
            GroupStatus status = source.service(SyncGroupsUseCase.class).group(group);
            assertThat(status.eventCount()).isEqualTo(22);
            assertThat(status.peers()).isEmpty();
            assertThat(source.service(SyncPeersUseCase.class).peers()).as("no peer entry stands for the one-shot client")
                    .isEmpty();
            try (HivemeshInstance b = HivemeshInstance.openLocal(ConfigLoader.load(Optional.empty(), Map.of(),
                    Map.of("data_dir", local)))) {
                assertThat(b.service(StateStore.class).stateDigest(b.service(HiveStore.class).byName("shared")
                        .orElseThrow().groupId())).isEqualTo(status.stateDigest());
                assertThat(b.service(SyncStore.class).peers()).isEmpty();
            }
        }
    }
}
