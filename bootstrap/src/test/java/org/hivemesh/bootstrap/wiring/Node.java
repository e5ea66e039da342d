package org.hivemesh.bootstrap.wiring;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.hivemesh.bootstrap.config.ConfigLoader;
import org.hivemesh.bootstrap.config.HivemeshConfig;
import org.hivemesh.bootstrap.config.TlsMaterial;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** One instance in a test mesh: its own data dir and a fixed port, so it can stop and come back at the same address. */
final class Node implements AutoCloseable {
    static final String ADMIN = "admin-token-for-mesh-tests";

    final String name;
    final Path dataDir;
    final int port;
    private HivemeshInstance instance;
    /** Trusts this node's own certificate when it serves HTTPS; null while it serves plain HTTP. */
    private SSLContext clientTls;

    Node(String name) throws IOException {
        this.name = name;
        this.dataDir = Files.createTempDirectory("hivemesh-" + name);
        this.port = freePort();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Node start() {
        return start(Map.of());
    }

    Node start(Map<String, String> extra) {
        Map<String, String> flags = new HashMap<>();
        flags.put("data_dir", dataDir.toString());
        flags.put("port", String.valueOf(port));
        flags.put("heartbeat_interval", "1s");
        flags.put("sync_backoff_min", "100ms");
        flags.put("sync_backoff_max", "1s");
        flags.put("pull_page", "50");
        flags.put("push_batch", "50");
        flags.putAll(extra);
        Path yaml = dataDir.resolve("hivemesh.yaml");
        HivemeshConfig config = ConfigLoader.load(Files.exists(yaml) ? Optional.of(yaml) : Optional.empty(), Map.of(), flags);
        clientTls = config.tls().cert().map(cert -> TlsMaterial.read(new HivemeshConfig.Tls(Optional.empty(),
                Optional.empty(), Optional.of(cert))).peers()).orElse(null);
        instance = HivemeshInstance.start(config, ADMIN);
        return this;
    }

    /** Settings this node reads from its hivemesh.yaml on every start. */
    Node configure(String yaml) throws IOException {
        Files.writeString(dataDir.resolve("hivemesh.yaml"), yaml);
        return this;
    }

    void stop() {
        if (instance != null) {
            instance.close();
            instance = null;
        }
    }

    /** A component of the running instance, for tests that reach below the API. */
    <T> T service(Class<T> type) {
        return instance.service(type);
    }

    String base() {
        return (clientTls == null ? "http" : "https") + "://127.0.0.1:" + port;
    }

    Client admin() {
        return clientTls == null ? new Client(base(), ADMIN) : new Client(base(), ADMIN, clientTls);
    }

    Client agent(String agentName) {
        return admin().loginAs(agentName);
    }

    Client.Reply adminCall(String method, String path, String body) {
        return admin().send(method, path, ADMIN, body);
    }

    String createSyncedHive(String hive) {
        agent("owner-" + name).post("/api/v1/hives", "{\"name\":\"" + hive + "\",\"description\":\"synced\"}");
        Client.Reply group = adminCall("POST", "/api/v1/sync/groups", "{\"hive_name\":\"" + hive + "\"}");
        if (group.status() != 201) {
            throw new IllegalStateException("group not created: " + group.body());
        }
        return group.json().string("id");
    }

    void join(Node via, String hive) {
        Client.Reply reply = adminCall("POST", "/api/v1/sync/groups/join",
                "{\"peer_endpoint\":\"" + via.base() + "\",\"hive_name\":\"" + hive + "\"}");
        if (reply.status() != 200) {
            throw new IllegalStateException(name + " could not join via " + via.name + ": " + reply.body());
        }
    }

    JsonObject group(String groupId) {
        return adminCall("GET", "/api/v1/sync/groups/" + groupId, null).json();
    }

    /** The group's digest, or "absent" while this node has not joined it yet. */
    String digest(String groupId) {
        return group(groupId).optionalString("state_digest").orElse("absent");
    }

    long eventCount(String groupId) {
        return group(groupId).get("event_count").map(c -> (long) group(groupId).number("event_count")).orElse(0L);
    }

    int quarantined(String groupId) {
        return (int) group(groupId).number("quarantined");
    }

    static JsonValue.JsonArray array(JsonObject json, String field) {
        return (JsonValue.JsonArray) json.required(field);
    }

    @Override
    public void close() {
        stop();
    }
}
