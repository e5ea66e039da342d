package org.hivemesh.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.application.sync.port.in.SyncPeersUseCase;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.bootstrap.config.ConfigLoader;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.Test;

/** federate --adopt: two independently created hives of one name merge both ways, a repeat adding nothing. */
class FederateAdoptIT {
    private static final String ADMIN = "admin-token-for-adopting-federation";

    private static JsonObject report(Cli.Run run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Json.parseObject(run.out().strip());
    }

    private static List<String> titles(MeshClient alice) {
        return ((JsonValue.JsonArray) alice.call("GET", "/api/v1/hives/shared/feed?limit=100", alice.token(), null)
                .required("data")).items().stream().map(p -> ((JsonObject) p).string("title")).sorted().toList();
    }

    private static HivemeshInstance server(String name) throws Exception {
        return HivemeshInstance.start(ConfigLoader.load(Optional.empty(), Map.of(), Map.of(
                "data_dir", Files.createTempDirectory("hivemesh-" + name).toString(), "port", "0")), ADMIN);
    }

    /** A hive "shared" of its own lineage on {@code server}, with {@code posts} posts; returns its group. */
    private static String shared(MeshClient agent, String prefix, int posts) {
        agent.write("POST", "/api/v1/hives", "{\"name\":\"shared\"}");
        String group = agent.admin("POST", "/api/v1/sync/groups", "{\"hive_name\":\"shared\"}").string("id");
        for (int i = 0; i < posts; i++) {
            agent.write("POST", "/api/v1/hives/shared/posts", "{\"title\":\"" + prefix + " " + i + "\"}");
        }
        return group;
    }

    @Test
    void anIndependentlyCreatedHiveIsAdoptedByPullAndByPushAndARepeatIsDeduplicated() throws Exception {
        try (HivemeshInstance server = server("a"); HivemeshInstance elsewhere = server("x")) {
            MeshClient alice = new MeshClient(server.baseUrl(), ADMIN).login("alice");
            String group = shared(alice, "from a", 3);
            MeshClient xavier = new MeshClient(elsewhere.baseUrl(), ADMIN).login("xavier");
            shared(xavier, "from x", 2);
            alice.write("POST", "/api/v1/hives/shared/decisions", "{\"topic\":\"db\",\"choice\":\"sqlite\","
                    + "\"text\":\"embedded\",\"confidence\":0.6,\"category\":\"arch\",\"stakes\":\"low\"}");
            xavier.write("POST", "/api/v1/hives/shared/decisions", "{\"topic\":\"db\",\"choice\":\"postgres\","
                    + "\"text\":\"SQL\",\"confidence\":0.9,\"category\":\"arch\",\"stakes\":\"high\"}");
            String local = Files.createTempDirectory("hivemesh-b").toString();
            Cli.Run fromX = Cli.run("federate", "--pull", "--source", elsewhere.baseUrl(), "-g", "shared", "--data-dir",
                    local);
            long serverEvents = server.service(SyncGroupsUseCase.class).eventCount(group);

            Cli.Run plain = Cli.run("federate", "--pull", "--source", server.baseUrl(), "-g", "shared", "--data-dir", local);
            JsonObject pulled = report(Cli.run("federate", "--pull", "--adopt", "--source", server.baseUrl(), "-g",
                    "shared", "--data-dir", local, "--json"));
            JsonObject pulledAgain = report(Cli.run("federate", "--pull", "--adopt", "--source", server.baseUrl(), "-g",
                    "shared", "--data-dir", local, "--json"));
            Cli.Run pushedText = Cli.run("federate", "--push", "--adopt", "--target", server.baseUrl(), "-g", "shared",
                    "--data-dir", local);
            long afterPush = server.service(SyncGroupsUseCase.class).eventCount(group);
            JsonObject pushedAgain = report(Cli.run("federate", "--push", "--adopt", "--target", server.baseUrl(), "-g",
                    "shared", "--data-dir", local, "--json"));

            assertThat(fromX.exitCode()).as(fromX.err()).isZero();
            assertThat(plain.exitCode()).as("another lineage is not taken without --adopt").isNotZero();
            assertThat(plain.err()).contains("belongs to group");
            assertThat(pulled.number("new")).isPositive();
            assertThat(pulled.number("duplicate")).isZero();
            assertThat(pulled.number("rejected")).isZero();
            assertThat(pulled.number("flagged")).as("alice's decision contradicts xavier's").isEqualTo(1);
            assertThat(pulledAgain.number("new")).isZero();
            assertThat(pulledAgain.number("duplicate")).isEqualTo(pulled.number("new"));
            assertThat(pushedText.exitCode()).as(pushedText.err()).isZero();
            assertThat(pushedText.out()).as("xavier's decision now contradicts alice's on the server")
                    .contains("adopting: new ", "flagged 1, rejected 0");
            assertThat(afterPush).isGreaterThan(serverEvents);
            assertThat(titles(alice)).containsExactly("from a 0", "from a 1", "from a 2", "from x 0", "from x 1");
            assertThat(pushedAgain.number("new")).isZero();
            assertThat(pushedAgain.number("duplicate")).isPositive();
            assertThat(pushedAgain.number("flagged")).isZero();
            assertThat(alice.write("GET", "/api/v1/hives/shared/conflicts", null).required("data").canonical()).contains("\"topic\":\"db\"");
            assertThat(server.service(SyncGroupsUseCase.class).eventCount(group)).isEqualTo(afterPush);
            assertThat(server.service(SyncPeersUseCase.class).peers()).as("nothing stands on the server").isEmpty();
            try (HivemeshInstance b = HivemeshInstance.openLocal(ConfigLoader.load(Optional.empty(), Map.of(),
                    Map.of("data_dir", local)))) {
                assertThat(b.service(SyncStore.class).peers()).as("nor here").isEmpty();
            }
        }
    }
}
