package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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
        a.start(Map.of("public_url", "http://127.0.0.1:" + proxyA));
        b.start(Map.of("public_url", "http://127.0.0.1:" + proxyB));
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
        Thread.sleep(2_000);
        assertThat(converged(group, a, b)).isFalse();
        toA.open();
        toB.open();
        Mesh.awaitConvergence(group, a, b);

        toA.freeze();
        toB.freeze();
        post(a, "a while frozen");
        post(b, "b while frozen");
        Thread.sleep(1_500);
        assertThat(converged(group, a, b)).isFalse();
        toA.unfreeze();
        toB.unfreeze();
        Mesh.awaitConvergence(group, a, b);
        assertThat(a.eventCount(group)).isEqualTo(2 + 10 + 2);
    }
}
