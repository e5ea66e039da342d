package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hivemesh.bootstrap.config.ConfigLoader;
import org.hivemesh.bootstrap.config.HivemeshConfig;
import org.junit.jupiter.api.Test;

/** A whole instance, wired by Guice as `hivemesh serve` wires it, on each storage backend. */
abstract class InstanceContract {
    static final String ADMIN = "admin-token-for-instance-tests";

    abstract Map<String, String> storageFlags(Path dataDir);

    private HivemeshInstance start(Path dataDir) {
        Map<String, String> flags = new HashMap<>(storageFlags(dataDir));
        flags.put("port", "0");
        flags.put("data_dir", dataDir.toString());
        HivemeshConfig config = ConfigLoader.load(Optional.empty(), Map.of(), flags);
        return HivemeshInstance.start(config, ADMIN);
    }

    @Test
    void contentAndIdentitySurviveARestart() throws IOException {
        Path dataDir = Files.createTempDirectory("hivemesh-instance");
        String hive = "lab-" + UUID.randomUUID().toString().substring(0, 8);
        String instanceId;
        String digest;
        String postId;
        try (HivemeshInstance instance = start(dataDir)) {
            instanceId = instance.identity().instanceId();
            Client alice = new Client(instance.baseUrl(), ADMIN).loginAs("alice");
            assertThat(alice.post("/api/v1/hives", "{\"name\":\"" + hive + "\",\"description\":\"d\"}").status()).isEqualTo(201);
            postId = alice.post("/api/v1/hives/" + hive + "/posts", "{\"title\":\"kept\"}").json().string("post_id");
            alice.post("/api/v1/posts/" + postId + "/comments", "{\"content\":\"also kept\"}");
            digest = alice.get("/api/v1/hives/" + hive).json().string("state_digest");
            assertThat(alice.get("/.well-known/hivemesh.json").json().string("sync_endpoint"))
                    .isEqualTo(instance.baseUrl() + "/sync/v1");
        }

        try (HivemeshInstance again = start(dataDir)) {
            Client alice = new Client(again.baseUrl(), ADMIN).loginAs("alice2");
            assertThat(again.identity().instanceId()).isEqualTo(instanceId);
            assertThat(alice.get("/api/v1/hives/" + hive).json().string("state_digest")).isEqualTo(digest);
            assertThat(alice.get("/api/v1/posts/" + postId).json().string("title")).isEqualTo("kept");
            assertThat(alice.get("/readyz").status()).isEqualTo(200);
        }
    }
}
