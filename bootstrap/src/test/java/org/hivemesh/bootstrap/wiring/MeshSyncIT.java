package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real instances over real HTTP on loopback, each with its own SQLite store. */
class MeshSyncIT {
    private final List<Node> nodes = new ArrayList<>();

    private Node node(String name) throws Exception {
        Node node = new Node(name).start();
        nodes.add(node);
        return node;
    }

    @AfterEach
    void stopAll() {
        nodes.forEach(Node::stop);
    }

    private static void awaitConvergence(String groupId, Node... mesh) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Set<String> digests = Set.of();
        while (System.nanoTime() < deadline) {
            digests = java.util.Arrays.stream(mesh).map(n -> n.digest(groupId) + "/" + n.eventCount(groupId))
                    .collect(Collectors.toSet());
            if (digests.size() == 1) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no convergence within 60 s: " + digests);
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

        awaitConvergence(group, a, b, c);
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

        awaitConvergence(group, a, b);
        assertThat(b.adminCall("GET", "/api/v1/sync/peers", null).body()).contains("\"source\":\"manual\"", a.base());
    }

    @Test
    void aChainWithoutADirectLinkConvergesByFlooding() throws Exception {
        Node a = node("a");
        Node b = node("b");
        Node c = node("c");
        String group = a.createSyncedHive("chain");
        b.join(a, "chain");
        c.join(b, "chain");

        writeSome(a, "chain", "alice", 5);
        writeSome(c, "chain", "carol", 5);

        awaitConvergence(group, a, b, c);
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
        awaitConvergence(group, a, b, c);

        c.stop();
        writeSome(a, "outage", "alice", 5);
        writeSome(b, "outage", "bob", 5);
        c.start();
        awaitConvergence(group, a, b, c);

        a.stop();
        b.stop();
        writeSome(c, "outage", "carol", 5);
        a.start();
        b.start();
        awaitConvergence(group, a, b, c);
        assertThat(a.eventCount(group)).isEqualTo(2 + 3 * 5 * 3);
    }
}
