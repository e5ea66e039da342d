package org.hivemesh.bootstrap.wiring;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
        return createSyncedHive(agent("owner-" + name), hive, "open");
    }

    /** {@code owner} creates the hive, so it is the hive owner of the authority rules; then it is shared. */
    String createSyncedHive(Client owner, String hive, String consent) {
        owner.post("/api/v1/hives", "{\"name\":\"" + hive + "\",\"description\":\"synced\"}");
        Client.Reply group = adminCall("POST", "/api/v1/sync/groups", "{\"hive_name\":\"" + hive + "\",\"consent\":\""
                + consent + "\"}");
        if (group.status() != 201) {
            throw new IllegalStateException("group not created: " + group.body());
        }
        return group.json().string("id");
    }

    /** This instance's ID, as its /.well-known document announces it. */
    String instanceId() {
        return wellKnown().string("instance_id");
    }

    JsonObject wellKnown() {
        return admin().send("GET", "/.well-known/hivemesh.json", null, null).json();
    }

    /** Every peer entry as instance ID to endpoint and key: what an attack on identities would change. */
    Map<String, String> peerEntries() {
        Map<String, String> entries = new TreeMap<>();
        for (JsonValue p : array(adminCall("GET", "/api/v1/sync/peers", null).json(), "data").items()) {
            JsonObject peer = (JsonObject) p;
            entries.put(peer.optionalString("instance_id").orElse("unverified " + peer.string("id")),
                    peer.string("sync_endpoint") + " " + peer.optionalString("signing_key").orElse("no key"));
        }
        return entries;
    }

    /** The peer IDs linked with the group here. */
    List<String> linkedPeers(String groupId) {
        return array(group(groupId), "peers").items().stream().map(p -> ((JsonObject) p).string("id")).sorted().toList();
    }

    /** Stored events without effect, each with the rule that refused it. */
    List<JsonObject> refused(String groupId) {
        return array(adminCall("GET", "/api/v1/sync/groups/" + groupId + "/refused", null).json(), "data").items()
                .stream().map(JsonObject.class::cast).toList();
    }

    List<JsonObject> plans(String groupId) {
        return array(adminCall("GET", "/api/v1/sync/groups/" + groupId + "/merge-plans", null).json(), "data").items()
                .stream().map(JsonObject.class::cast).toList();
    }

    /** The latest merge plan about {@code instanceId} joining, or null. */
    JsonObject planFor(String groupId, String instanceId) {
        return plans(groupId).stream().filter(p -> p.string("peer_instance_id").equals(instanceId))
                .reduce((first, second) -> second).orElse(null);
    }

    Client.Reply approve(JsonObject plan) {
        return adminCall("POST", "/api/v1/sync/merge-plans/" + plan.string("plan_id") + "/approve", null);
    }

    /** The active roster of a governed group, sorted. */
    List<String> roster(String groupId) {
        return array(group(groupId), "roster").items().stream().map(m -> ((JsonValue.JsonString) m).value()).sorted()
                .toList();
    }

    /**
     * Joins the governed group {@code hive} through its owner while the owner is the whole roster: asks as a
     * standing peer, has the owner approve the plan, and waits until the group is here.
     */
    void admittedBy(Node owner, String hive, String groupId) throws InterruptedException {
        Client.Reply asked = adminCall("POST", "/api/v1/sync/peers", "{\"name\":\"" + owner.name
                + "\",\"sync_endpoint\":\"" + owner.base() + "\",\"shared_hives\":[\"" + hive + "\"]}");
        if (asked.status() != 201) {
            throw new IllegalStateException(name + " could not ask " + owner.name + ": " + asked.body());
        }
        String me = instanceId();
        Mesh.await(name + "'s plan on " + owner.name, () -> owner.planFor(groupId, me) != null);
        owner.approve(owner.planFor(groupId, me));
        Mesh.await(name + " admitted", () -> adminCall("GET", "/api/v1/sync/groups/" + groupId, null).status() == 200);
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
        JsonObject group = group(groupId);
        return group.get("event_count").map(c -> (long) group.number("event_count")).orElse(0L);
    }

    /** This node's entry for {@code peer} in {@code GET /api/v1/sync/peers}, found by the peer's instance ID. */
    JsonObject peerEntry(Node peer) {
        return peerEntry(peer.instanceId());
    }

    JsonObject peerEntry(String instanceId) {
        return array(adminCall("GET", "/api/v1/sync/peers", null).json(), "data").items().stream()
                .map(JsonObject.class::cast)
                .filter(p -> p.optionalString("instance_id").map(instanceId::equals).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException(name + " has no peer entry for " + instanceId));
    }

    int consecutiveFailures(Node peer) {
        return (int) peerEntry(peer).number("consecutive_failures");
    }

    /**
     * Requests this node has answered with {@code method} and {@code status}, as its /metrics counts them, over every
     * route (today the route label reads "*" for every request).
     */
    long answered(String method, int status) {
        String body = admin().send("GET", "/metrics", null, null).body();
        return body.lines().filter(l -> l.startsWith("hivemesh_http_requests_total{"))
                .filter(l -> l.contains("method=\"" + method + "\"") && l.contains("status=\"" + status + "\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Starts watching this node's sync rounds with {@code peer}; see {@link Rounds#oneBegunSinceHasRun()}. */
    Rounds roundsWith(Node peer) {
        return new Rounds(peer);
    }

    /** This node's sync rounds with one peer, as the {@code last_seen} of its entry for that peer shows them. */
    final class Rounds {
        private final Node peer;
        private final String peerId;
        private String lastSeen;
        private int changes;

        private Rounds(Node peer) {
            this.peer = peer;
            this.peerId = peer.instanceId();
            this.lastSeen = lastSeen();
        }

        private String lastSeen() {
            return peerEntry(peerId).optionalString("last_seen").orElse("never");
        }

        /**
         * Whether a sync round with the peer that began after this watch started has run its exchange (push and pull).
         * A round saves last_seen at most twice (after its exchange, after its heartbeat) and rounds with one peer run
         * one after another, so the third change seen comes from a round that began after the first one seen had
         * ended. Meant for a healthy, linked pair: there nothing else saves last_seen (only a handshake, or a request
         * from a peer not heard from for 5 s, would). Call it from a wait: it counts the changes it sees.
         */
        boolean oneBegunSinceHasRun() {
            String now = lastSeen();
            if (!now.equals(lastSeen)) {
                lastSeen = now;
                changes++;
            }
            return changes >= 3;
        }

        @Override
        public String toString() {
            return name + "'s rounds with " + peer.name + ": " + changes + " changes of last_seen, now " + lastSeen;
        }
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
