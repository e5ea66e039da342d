package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/** All traffic between two instances crosses TCP proxies that cut, freeze and heal the link. */
class PartitionIT {
    private NioReactor reactor;
    private TcpCrusher toA;
    private TcpCrusher toB;
    private Node a;
    private Node b;

    @AfterEach
    void tearDown() throws Exception {
        if (a != null) {
            a.stop();
        }
        if (b != null) {
            b.stop();
        }
        if (toA != null) {
            toA.close();
        }
        if (toB != null) {
            toB.close();
        }
        if (reactor != null) {
            reactor.close();
        }
    }

    private TcpCrusher proxy(int listen, int target) {
        TcpCrusher crusher = TcpCrusherBuilder.builder().withReactor(reactor).withBindAddress("127.0.0.1", listen)
                .withConnectAddress("127.0.0.1", target).buildAndOpen();
        return crusher;
    }

    private static boolean converged(String group, Node x, Node y) {
        return x.digest(group).equals(y.digest(group)) && x.eventCount(group) == y.eventCount(group);
    }

    /** Whether {@code on} counts {@code peer} active and has no failed round with it on record. */
    private static boolean healthy(Node on, Node peer) {
        JsonObject entry = on.peerEntry(peer);
        return entry.string("status").equals("active") && entry.number("consecutive_failures") == 0;
    }

    /** Whether {@code on} counts {@code peer} unreachable only because it has not heard from it within peer_timeout. */
    private static boolean silent(Node on, Node peer) {
        JsonObject entry = on.peerEntry(peer);
        return entry.string("status").equals("unreachable") && entry.number("consecutive_failures") == 0;
    }

    private static void post(Node node, String title) {
        node.agent("writer-" + node.name).post("/api/v1/hives/split/posts", "{\"title\":\"" + title + "\"}");
    }

    @Test
    void writesOnBothSidesOfACutOrFrozenLinkConvergeAfterItHeals() throws Exception {
        reactor = new NioReactor();
        a = new Node("a");
        b = new Node("b");
        int proxyA = Node.freePort();
        int proxyB = Node.freePort();
        toA = proxy(proxyA, a.port);
        toB = proxy(proxyB, b.port);
        // A peer not heard from for three heartbeats counts as unreachable: what shows a frozen link below.
        a.start(Map.of("public_url", "http://127.0.0.1:" + proxyA, "peer_timeout", "3s"));
        b.start(Map.of("public_url", "http://127.0.0.1:" + proxyB, "peer_timeout", "3s"));
        String group = a.createSyncedHive("split");
        assertThat(b.adminCall("POST", "/api/v1/sync/groups/join",
                "{\"peer_endpoint\":\"http://127.0.0.1:" + proxyA + "\",\"hive_name\":\"split\"}").status()).isEqualTo(200);
        Mesh.awaitConvergence(group, a, b);

        toA.close();
        toB.close();
        for (int i = 0; i < 5; i++) {
            post(a, "a during cut " + i);
            post(b, "b during cut " + i);
        }
        int aFailed = a.consecutiveFailures(b);
        int bFailed = b.consecutiveFailures(a);
        // Two more failed rounds on each side: rounds with a peer run one at a time and nothing can reset the count
        // across the cut, so the second began after the writes and tried to carry them.
        Mesh.await("a failed round begun after the writes, on each side", Mesh.A_FEW_ROUNDS,
                () -> a.consecutiveFailures(b) >= aFailed + 2 && b.consecutiveFailures(a) >= bFailed + 2);
        assertThat(converged(group, a, b)).isFalse();
        toA.open();
        toB.open();
        Mesh.awaitConvergence(group, a, b);
        // Both sides heard from each other since the cut and hold no failure from it: what the freeze below starts from.
        Mesh.await("the healed link active on both sides", () -> healthy(a, b) && healthy(b, a));

        toA.freeze();
        toB.freeze();
        post(a, "a while frozen");
        post(b, "b while frozen");
        // A frozen link fails nothing, it hangs: each side counting the other silent for peer_timeout with no failure
        // recorded proves three heartbeats' time without any round completing, time in which an open link carries
        // a write across.
        Mesh.await("each side silent to the other", Mesh.A_FEW_ROUNDS, () -> silent(a, b) && silent(b, a));
        assertThat(converged(group, a, b)).isFalse();
        toA.unfreeze();
        toB.unfreeze();
        Mesh.awaitConvergence(group, a, b);
        assertThat(a.eventCount(group)).isEqualTo(2 + 10 + 2);
    }
}
