package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hivemesh.bootstrap.wiring.Mesh.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hub-assisted discovery: no manual peer entries at all, and sync that survives the hub going away. */
class HubDiscoveryIT {
    private final Mesh mesh = new Mesh();

    @AfterEach
    void stopAll() {
        mesh.close();
    }

    private Node node(String name, Map<String, String> settings) throws Exception {
        return mesh.node(name, settings);
    }


    private static boolean converged(String group, List<Node> mesh) {
        Node first = mesh.get(0);
        for (Node n : mesh) {
            Client.Reply reply = n.adminCall("GET", "/api/v1/sync/groups/" + group, null);
            if (reply.status() != 200 || !reply.json().string("state_digest").equals(first.digest(group))
                    || (long) reply.json().number("event_count") != first.eventCount(group)) {
                return false;
            }
        }
        return true;
    }

    private static List<JsonObject> peers(Node node) {
        return Node.array(node.adminCall("GET", "/api/v1/sync/peers", null).json(), "data").items().stream()
                .map(JsonObject.class::cast).toList();
    }

    @Test
    void instancesFindEachOtherThroughTheHubKeepSyncingWithoutItAndFindANewcomerWhenItReturns() throws Exception {
        Node hub = node("hub", Map.of("hub_role", "true", "hub_stale_timeout", "5s"));
        String key = hub.adminCall("POST", "/api/v1/map/registration-keys", null).json().string("registration_key");
        Map<String, String> viaHub = Map.of("discovery", "hub", "hub_url", hub.base(), "hub_key", key);
        Node a = node("a", viaHub);
        Node b = node("b", viaHub);
        Node c = node("c", viaHub);
        String group = a.createSyncedHive("hubbed");
        for (Node n : List.of(b, c)) {
            assertThat(n.adminCall("POST", "/api/v1/sync/groups/join", "{\"hive_name\":\"hubbed\"}").status()).isEqualTo(202);
        }
        a.agent("alice").post("/api/v1/hives/hubbed/posts", "{\"title\":\"via hub\"}");
        await("three converge", () -> converged(group, List.of(a, b, c)));
        // Which side of a pair handshakes first, and whether gossip or the hub names a peer first, varies; no entry
        // was made by hand, and some came from the hub.
        List<JsonObject> all = List.of(a, b, c).stream().flatMap(n -> peers(n).stream()).toList();
        assertThat(all).allSatisfy(p -> assertThat(p.string("source")).isIn("hub", "handshake", "gossip"))
                .anySatisfy(p -> assertThat(p.string("discovered_via")).isEqualTo("hub " + hub.base()));
        // The hub's admin sees the three swarms and the hive each shares.
        List<JsonObject> swarms = Node.array(hub.adminCall("GET", "/api/v1/map/swarms", null).json(), "data").items()
                .stream().map(JsonObject.class::cast).toList();
        assertThat(swarms).extracting(s -> s.string("instance_id")).containsExactlyInAnyOrder(
                a.instanceId(), b.instanceId(), c.instanceId());
        assertThat(swarms).allSatisfy(s -> {
            assertThat(s.strings("hives")).containsExactly("hubbed");
            assertThat(s.string("status")).isEqualTo("online");
        });

        hub.stop();
        b.agent("bob").post("/api/v1/hives/hubbed/posts", "{\"title\":\"hub is down\"}");
        c.agent("carol").post("/api/v1/hives/hubbed/posts", "{\"title\":\"still syncing\"}");
        await("converge without the hub", () -> converged(group, List.of(a, b, c)));

        hub.start(Map.of("hub_role", "true", "hub_stale_timeout", "5s"));
        Node d = node("d", viaHub);
        assertThat(d.adminCall("POST", "/api/v1/sync/groups/join", "{\"hive_name\":\"hubbed\"}").status()).isEqualTo(202);
        d.agent("dave").post("/api/v1/hives/hubbed/posts", "{\"title\":\"newcomer\"}");
        await("four converge", () -> converged(group, List.of(a, b, c, d)));
        await("everyone knows d", () -> List.of(a, b, c).stream()
                .allMatch(n -> peers(n).stream().anyMatch(p -> p.string("sync_endpoint").equals(d.base() + "/sync/v1"))));
    }

    private static boolean knows(Node node, String endpoint) {
        return peers(node).stream().anyMatch(p -> p.string("sync_endpoint").equals(endpoint));
    }

    @Test
    void aJoinOnTheHubReachesAMemberLongBeforeItsNextPollAndALeaveRemovesOnlyTheHubEntry() throws Exception {
        Node hub = node("hub", Map.of("hub_role", "true"));
        String key = hub.adminCall("POST", "/api/v1/map/registration-keys", null).json().string("registration_key");
        Node a = node("a", Map.of("discovery", "hub", "hub_url", hub.base(), "hub_key", key, "heartbeat_interval", "300s"));
        a.createSyncedHive("hubbed");
        String manual = "http://127.0.0.1:7/sync/v1";
        assertThat(a.adminCall("POST", "/api/v1/sync/peers", "{\"name\":\"m\",\"sync_endpoint\":\"" + manual
                + "\",\"shared_hives\":[\"hubbed\"]}").status()).isEqualTo(201);
        String aId = a.instanceId();
        await("a registered at the hub", () -> Node.array(hub.adminCall("GET", "/api/v1/map/swarms", null).json(), "data")
                .items().stream().anyMatch(s -> ((JsonObject) s).string("instance_id").equals(aId)));

        HandMadePeer c = new HandMadePeer();
        String endpoint = "http://127.0.0.1:9/sync/v1";
        Client.Reply registered = hub.admin().send("POST", "/api/v1/map/swarms", key, "{\"name\":\"c\",\"instance_id\":\""
                + c.id + "\",\"signing_key\":\"" + c.publicKeyHex() + "\",\"sync_endpoint\":\"" + endpoint
                + "\",\"capabilities\":[\"hive_sync\",\"sync_endpoint\"]}");
        String swarm = registered.json().string("swarm_id");
        String token = registered.json().string("token");
        assertThat(hub.admin().send("POST", "/api/v1/map/swarms/" + swarm + "/hives", token,
                "{\"hive_name\":\"hubbed\"}").status()).isEqualTo(200);

        // a polls every 300 s; the hub answers its waiting request at the join
        await("a learns of c's join from the hub", Duration.ofSeconds(30), () -> knows(a, endpoint));
        assertThat(hub.admin().send("DELETE", "/api/v1/map/swarms/" + swarm + "/hives/hubbed", token, null).status())
                .isEqualTo(204);
        await("a forgets c, which left the hive on the hub", Duration.ofSeconds(30), () -> !knows(a, endpoint));
        assertThat(knows(a, manual)).as("the manual entry stays").isTrue();
    }

    @Test
    void theHubRefusesRegistrationsWithoutAKeyItIssued() throws Exception {
        Node hub = node("hub", Map.of("hub_role", "true"));
        Client.Reply refused = hub.admin().send("POST", "/api/v1/map/swarms", "hrk_forged", "{\"name\":\"x\","
                + "\"instance_id\":\"inst_x\",\"signing_key\":\"00\",\"sync_endpoint\":\"http://127.0.0.1:1\","
                + "\"capabilities\":[\"hive_sync\",\"sync_endpoint\"]}");
        Client.Reply noToken = hub.admin().send("GET", "/api/v1/map/peers/swm_x", null, null);

        Client.Reply listWithoutToken = hub.admin().send("GET", "/api/v1/map/swarms", null, null);
        Client.Reply listWithAnotherToken = hub.admin().send("GET", "/api/v1/map/swarms", "hrk_forged", null);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(listWithoutToken.status()).isEqualTo(401);
        assertThat(listWithAnotherToken.status()).isEqualTo(403);
        assertThat(Node.array(hub.adminCall("GET", "/api/v1/map/swarms", null).json(), "data").items()).isEmpty();
    }
}
