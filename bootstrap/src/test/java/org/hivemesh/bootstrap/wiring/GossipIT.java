package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hivemesh.bootstrap.wiring.Mesh.await;

import java.util.List;
import java.util.Map;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Peer gossip on heartbeats, between real instances. */
class GossipIT {
    private final Mesh mesh = new Mesh();

    private Node node(String name) throws Exception {
        return mesh.node(name, Map.of());
    }

    @AfterEach
    void stopAll() {
        mesh.close();
    }


    private static List<JsonObject> peers(Node node) {
        return Node.array(node.adminCall("GET", "/api/v1/sync/peers", null).json(), "data").items().stream()
                .map(JsonObject.class::cast).toList();
    }

    private static void addPeer(Node on, Node to, String hive) {
        assertThat(on.adminCall("POST", "/api/v1/sync/peers", "{\"name\":\"" + to.name + "\",\"sync_endpoint\":\""
                + to.base() + "\",\"shared_hives\":[\"" + hive + "\"]}").status()).isEqualTo(201);
    }

    /** Peers linked to the group on this node; 0 while the node has not joined it. */
    private static long linkedPeers(Node node, String group) {
        Client.Reply reply = node.adminCall("GET", "/api/v1/sync/groups/" + group, null);
        return reply.status() == 200 ? Node.array(reply.json(), "peers").items().size() : 0;
    }

    @Test
    void threeManualEntriesInAChainGrowIntoAFullMeshWithOneDigest() throws Exception {
        Node a = node("a");
        Node b = node("b");
        Node c = node("c");
        Node d = node("d");
        String group = a.createSyncedHive("eng");
        addPeer(b, a, "eng");
        await("b joined", () -> linkedPeers(b, group) >= 1);
        addPeer(c, b, "eng");
        await("c joined", () -> linkedPeers(c, group) >= 1);
        addPeer(d, c, "eng");

        await("a full mesh", () -> List.of(a, b, c, d).stream().allMatch(n -> linkedPeers(n, group) == 3));
        a.agent("alice").post("/api/v1/hives/eng/posts", "{\"title\":\"from a\"}");
        d.agent("dave").post("/api/v1/hives/eng/posts", "{\"title\":\"from d\"}");
        await("one digest", () -> List.of(b, c, d).stream().allMatch(n -> n.digest(group).equals(a.digest(group))
                && n.eventCount(group) == a.eventCount(group)));
        // Which side of a gossip-found pair handshakes first varies; across the mesh the entries must still show
        // exactly the three manual ones and the rest learned by gossip (or admitted by the handshake that followed).
        List<JsonObject> all = List.of(a, b, c, d).stream().flatMap(n -> peers(n).stream()).toList();
        assertThat(all).hasSize(12);
        assertThat(all).filteredOn(p -> p.string("source").equals("manual")).hasSize(3);
        assertThat(all).filteredOn(p -> p.string("source").equals("gossip")).isNotEmpty()
                .allSatisfy(p -> assertThat(p.string("discovered_via")).startsWith("gossip from inst_"));
    }

    @Test
    void gossipNeverTellsAnInstanceAboutPeersOfHivesItIsNotIn() throws Exception {
        Node hub = node("center");
        Node open = node("open");
        Node secret = node("secret");
        String openGroup = hub.createSyncedHive("public-hive");
        String secretGroup = hub.createSyncedHive("secret-hive");
        addPeer(open, hub, "public-hive");
        addPeer(secret, hub, "secret-hive");
        await("both linked", () -> linkedPeers(hub, openGroup) == 1 && linkedPeers(hub, secretGroup) == 1);

        // A later peer of each hive, for the hub to gossip about; it gossips nothing itself, so only the hub tells of it.
        Node openProbe = mesh.node("open-probe", Map.of("gossip", "false"));
        Node secretProbe = mesh.node("secret-probe", Map.of("gossip", "false"));
        addPeer(openProbe, hub, "public-hive");
        addPeer(secretProbe, hub, "secret-hive");
        // Each side reaching its hive's later peer by gossip proves the hub gossiped to it after it knew both hives'
        // peers: whatever it would tell about the other hive, it has told by then.
        await("each side reached its hive's later peer by gossip",
                () -> learnedAndReached(open, openProbe) && learnedAndReached(secret, secretProbe));

        assertThat(peers(open)).extracting(p -> p.string("sync_endpoint"))
                .containsExactlyInAnyOrder(hub.base() + "/sync/v1", openProbe.base() + "/sync/v1");
        assertThat(peers(secret)).extracting(p -> p.string("sync_endpoint"))
                .containsExactlyInAnyOrder(hub.base() + "/sync/v1", secretProbe.base() + "/sync/v1");
    }

    /** Whether {@code node} learned of {@code peer} by gossip and has since handshaken with it. */
    private static boolean learnedAndReached(Node node, Node peer) {
        return peers(node).stream().anyMatch(p -> p.string("sync_endpoint").equals(peer.base() + "/sync/v1")
                && p.string("source").equals("gossip") && p.string("status").equals("active"));
    }

    @Test
    void aGossipedPeerThatNeverAnswersIsMarkedUnreachableAndThenRemoved() throws Exception {
        Node a = node("a");
        a.createSyncedHive("eng");
        HandMadePeer me = new HandMadePeer();
        HandMadePeer ghost = new HandMadePeer();
        String token = me.join(a, "eng");
        String deadEndpoint = "http://127.0.0.1:" + Node.freePort() + "/sync/v1";
        me.send(a, "POST", "/sync/v1/heartbeat", token, "{\"instance_id\":\"" + me.id + "\",\"seq_by_group\":{},"
                + "\"known_peers\":[{\"sync_endpoint\":\"" + deadEndpoint + "\",\"name\":\"ghost\","
                + "\"shared_hives\":[\"eng\"],\"signing_key\":\"" + ghost.publicKeyHex() + "\",\"ttl\":1}]}");

        await("ghost learned and unreachable", () -> peers(a).stream().anyMatch(p ->
                p.string("sync_endpoint").equals(deadEndpoint) && p.string("status").equals("unreachable")));
        await("ghost removed", () -> peers(a).stream().noneMatch(p -> p.string("sync_endpoint").equals(deadEndpoint)));
        assertThat(peers(a)).noneMatch(p -> p.string("name").equals("ghost"));
    }
}
