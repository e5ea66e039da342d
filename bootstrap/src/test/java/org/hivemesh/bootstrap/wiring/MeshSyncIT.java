package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real instances over real HTTP on loopback, each with its own SQLite store. */
class MeshSyncIT {
    private final List<Node> nodes = new ArrayList<>();

    private Node node(String name) throws Exception {
        return node(name, Map.of());
    }

    private Node node(String name, Map<String, String> settings) throws Exception {
        Node node = new Node(name).start(settings);
        nodes.add(node);
        return node;
    }

    @AfterEach
    void stopAll() {
        nodes.forEach(Node::stop);
    }

    private static void writeSome(Node node, String hive, String agent, int posts) {
        Client client = node.agent(agent);
        for (int i = 0; i < posts; i++) {
            String postId = client.post("/api/v1/hives/" + hive + "/posts",
                    "{\"title\":\"" + agent + " " + i + "\"}").json().string("post_id");
            client.post("/api/v1/posts/" + postId + "/comments", "{\"content\":\"reply from " + agent + "\"}");
            client.post("/api/v1/votes", "{\"target_type\":\"post\",\"target_id\":\"" + postId + "\",\"value\":1}");
        }
    }

    @Test
    void threeInstancesWritingConcurrentlyConvergeToOneDigest() throws Exception {
        Node a = node("a");
        Node b = node("b");
        Node c = node("c");
        String group = a.createSyncedHive("mesh");
        b.join(a, "mesh");
        c.join(a, "mesh");
        c.join(b, "mesh");

        List<Thread> writers = new ArrayList<>();
        for (Node n : List.of(a, b, c)) {
            Thread t = new Thread(() -> writeSome(n, "mesh", "agent-" + n.name, 15));
            t.start();
            writers.add(t);
        }
        for (Thread t : writers) {
            t.join();
        }

        Mesh.awaitConvergence(group, a, b, c);
        long expected = 2 + 3 * 15 * 3;
        assertThat(a.eventCount(group)).isEqualTo(expected);
        assertThat(b.agent("reader").get("/api/v1/hives/mesh/feed?limit=100").json()).satisfies(feed ->
                assertThat(Node.array(feed, "data").items()).hasSize(45));
    }

    @Test
    void aStaticPeerFromTheConfigFileJoinsItsSharedHivesByItself() throws Exception {
        Node a = node("a");
        String group = a.createSyncedHive("configured");
        writeSome(a, "configured", "alice", 3);
        Node b = new Node("b").configure(String.join("\n", "peers:", "  - name: a",
                "    sync_endpoint: " + a.base(), "    shared_hives: [configured]", ""));
        nodes.add(b.start());

        Mesh.awaitConvergence(group, a, b);
        assertThat(b.adminCall("GET", "/api/v1/sync/peers", null).body()).contains("\"source\":\"manual\"", a.base());
    }

    @Test
    void everyCatchUpMergeIsAuditedWithTheDigestsBeforeAndAfter() throws Exception {
        Node a = node("a");
        Node b = node("b");
        String group = a.createSyncedHive("audited");
        writeSome(a, "audited", "alice", 3);
        b.join(a, "audited");
        Mesh.awaitConvergence(group, a, b);
        // A pull is audited once all of its pages are stored, so the last record may follow convergence.
        List<JsonObject> merges = Mesh.awaitValue("merge records accounting for every event", Mesh.PATIENCE,
                () -> merges(b, group), m -> accepted(m) >= a.eventCount(group));

        assertThat(merges).isNotEmpty();
        assertThat(merges.get(0).object("details").string("digest_after")).isEqualTo(b.digest(group));
        assertThat(merges.get(merges.size() - 1).object("details").string("digest_before"))
                .isEqualTo(org.hivemesh.domain.hive.HiveState.digestOf(List.of()));
        assertThat(merges).allSatisfy(r -> assertThat(r.object("details").string("consent")).isEqualTo("open"));
        assertThat(accepted(merges)).isEqualTo(a.eventCount(group));
    }

    private static List<JsonObject> merges(Node node, String group) {
        return Node.array(node.adminCall("GET", "/api/v1/audit?limit=100&group=" + group, null).json(), "data").items()
                .stream().map(JsonObject.class::cast).filter(r -> r.string("action").equals("merge_executed")).toList();
    }

    private static double accepted(List<JsonObject> merges) {
        return merges.stream().mapToDouble(r -> r.object("details").number("accepted")).sum();
    }

    @Test
    void handshakesCrossingEachOtherEndInOneSessionPerPair() throws Exception {
        Node a = node("a");
        Node b = node("b");
        String group = a.createSyncedHive("crossing");
        b.join(a, "crossing");
        Mesh.awaitConvergence(group, a, b);

        Thread fromA = new Thread(() -> a.join(b, "crossing"));
        Thread fromB = new Thread(() -> b.join(a, "crossing"));
        fromA.start();
        fromB.start();
        fromA.join();
        fromB.join();
        writeSome(a, "crossing", "alice", 2);
        writeSome(b, "crossing", "bob", 2);

        Mesh.awaitConvergence(group, a, b);
        assertThat(Node.array(a.adminCall("GET", "/api/v1/sync/peers", null).json(), "data").items()).hasSize(1);
        assertThat(Node.array(b.adminCall("GET", "/api/v1/sync/peers", null).json(), "data").items()).hasSize(1);
    }

    @Test
    void aPeerThatNeverAnswersIsMarkedErrorAfterTenFailures() throws Exception {
        Node a = node("a");
        a.createSyncedHive("lonely");
        int dead = Node.freePort();
        String peerId = a.adminCall("POST", "/api/v1/sync/peers", "{\"name\":\"ghost\",\"sync_endpoint\":"
                + "\"http://127.0.0.1:" + dead + "\",\"shared_hives\":[\"lonely\"]}").json().string("id");

        JsonObject peer = Mesh.awaitValue("the ghost marked error", Mesh.PATIENCE, () -> ghost(a),
                p -> p.string("status").equals("error"));
        assertThat(peer.string("id")).isEqualTo(peerId);
        assertThat(peer.string("status")).isEqualTo("error");
        assertThat(peer.number("consecutive_failures")).isGreaterThanOrEqualTo(10);
        assertThat(peer.string("last_error")).contains("cannot reach");
    }

    private static JsonObject ghost(Node node) {
        return (JsonObject) Node.array(node.adminCall("GET", "/api/v1/sync/peers", null).json(), "data").items().get(0);
    }

    @Test
    void aChainWithoutADirectLinkConvergesByFlooding() throws Exception {
        Map<String, String> noGossip = Map.of("gossip", "false");
        Node a = node("a", noGossip);
        Node b = node("b", noGossip);
        Node c = node("c", noGossip);
        String group = a.createSyncedHive("chain");
        b.join(a, "chain");
        c.join(b, "chain");

        writeSome(a, "chain", "alice", 5);
        writeSome(c, "chain", "carol", 5);

        Mesh.awaitConvergence(group, a, b, c);
        assertThat(a.group(group).toString()).doesNotContain(c.base());
        assertThat(b.admin().send("GET", "/metrics", null, null).body())
                .contains("hivemesh_sync_local_seq{group=\"" + group + "\"", "hivemesh_sync_peer_lag{", "hivemesh_sync_peer_up{");
        assertThat(b.adminCall("GET", "/api/v1/sync/status", null).json().string("instance_id")).startsWith("inst_");
        assertThat(a.eventCount(group)).isEqualTo(2 + 2 * 5 * 3);
    }

    @Test
    void aStoppedInstanceCatchesUpAndWritesMadeInIsolationReachTheOthers() throws Exception {
        Node a = node("a");
        Node b = node("b");
        Node c = node("c");
        String group = a.createSyncedHive("outage");
        b.join(a, "outage");
        c.join(a, "outage");
        c.join(b, "outage");
        Mesh.awaitConvergence(group, a, b, c);

        c.stop();
        writeSome(a, "outage", "alice", 5);
        writeSome(b, "outage", "bob", 5);
        c.start();
        Mesh.awaitConvergence(group, a, b, c);

        a.stop();
        b.stop();
        writeSome(c, "outage", "carol", 5);
        a.start();
        b.start();
        Mesh.awaitConvergence(group, a, b, c);
        assertThat(a.eventCount(group)).isEqualTo(2 + 3 * 5 * 3);
    }
}
