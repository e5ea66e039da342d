package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hivemesh.bootstrap.wiring.Mesh.await;

import java.util.Map;
import java.util.Optional;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sync state is per (peer, hive): one hive's trouble never stalls or colours another, and pending joins finish. */
class HiveSyncIT {
    private final Mesh mesh = new Mesh();

    @AfterEach
    void stopAll() {
        mesh.close();
    }

    /** {@code node}'s state for {@code hive} in its entry for {@code peer}, if the hive has any trouble there. */
    private static Optional<JsonObject> hiveState(Node node, Node peer, String hive) {
        return Node.array(node.peerEntry(peer), "hives").items().stream().map(JsonObject.class::cast)
                .filter(h -> h.string("hive").equals(hive)).findFirst();
    }

    /** The status of {@code peer} in {@code node}'s view of the group. */
    private static String statusInGroup(Node node, String group, Node peer) {
        String peerId = node.peerEntry(peer).string("id");
        return Node.array(node.group(group), "peers").items().stream().map(JsonObject.class::cast)
                .filter(p -> p.string("id").equals(peerId)).map(p -> p.string("status")).findFirst().orElse("absent");
    }

    private static void post(Node node, String hive, String title) {
        Client.Reply reply = node.agent("writer").post("/api/v1/hives/" + hive + "/posts", "{\"title\":\"" + title + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private static boolean shows(Node node, String hive, String title) {
        return node.agent("reader").get("/api/v1/hives/" + hive + "/feed?limit=100&sort=new").body()
                .contains("\"" + title + "\"");
    }

    @Test
    void liberatingOneOfTwoSharedHivesLeavesTheOtherConvergingAndThePeerHealthy() throws Exception {
        Node a = mesh.node("a", Map.of());
        Node b = mesh.node("b", Map.of());
        String lab = a.createSyncedHive("lab");
        String board = a.createSyncedHive("board");
        b.join(a, "lab");
        b.join(a, "board");
        Mesh.awaitConvergence(lab, a, b);
        Mesh.awaitConvergence(board, a, b);

        Client.Reply liberated = b.adminCall("POST", "/api/v1/sync/groups/" + board + "/liberate", null);
        assertThat(liberated.status()).as(liberated.body()).isEqualTo(201);
        await("b's handshake for its liberated board turned away by a",
                () -> hiveState(b, a, "board").map(h -> h.string("state").equals("failing")).orElse(false));
        post(a, "lab", "after the fork, from a");
        post(b, "lab", "after the fork, from b");

        await("lab converges both ways", () -> shows(b, "lab", "after the fork, from a")
                && shows(a, "lab", "after the fork, from b"));
        Mesh.awaitConvergence(lab, a, b);
        JsonObject bsEntry = b.peerEntry(a);
        assertThat(bsEntry.string("status")).as(bsEntry.toString()).isEqualTo("active");
        assertThat(bsEntry.number("consecutive_failures")).isZero();
        assertThat(hiveState(b, a, "lab")).as("lab has no trouble").isEmpty();
        assertThat(hiveState(b, a, "board").orElseThrow().string("detail")).contains("board");
        assertThat(statusInGroup(b, lab, a)).isEqualTo("active");
        assertThat(a.peerEntry(b).string("status")).as(a.peerEntry(b).toString()).isEqualTo("active");
        assertThat(statusInGroup(a, lab, b)).isEqualTo("active");
    }

    @Test
    void aPushThatMergesLeavesAMergeRecordAndOneThatMergesNothingLeavesNone() throws Exception {
        Node a = mesh.node("a", Map.of());
        String lab = a.createSyncedHive("lab");
        try (HandMadePeer pusher = new HandMadePeer()) {
            String token = pusher.join(a, "lab");
            java.util.List<org.hivemesh.domain.event.Event> batch = java.util.List.of(pusher.event(lab,
                    new org.hivemesh.domain.event.EventPayload.PostCreated("pushed", Optional.empty(), Optional.empty(),
                            pusher.agent("agt_pusher"))));
            String before = a.digest(lab);

            HandMadePeer.Reply merged = pusher.push(a, lab, token, batch);
            HandMadePeer.Reply again = pusher.push(a, lab, token, batch);

            assertThat(merged.status()).as(merged.body()).isEqualTo(200);
            assertThat(again.status()).isEqualTo(200);
            java.util.List<JsonObject> records = Node.array(a.adminCall("GET", "/api/v1/audit?group=" + lab
                    + "&limit=1000", null).json(), "data").items().stream().map(JsonObject.class::cast)
                    .filter(r -> r.string("action").equals("merge_executed")).toList();
            assertThat(records).hasSize(1);
            JsonObject details = records.get(0).object("details");
            assertThat(records.get(0).string("actor")).isEqualTo(pusher.id);
            assertThat(details.object("plan").string("kind")).isEqualTo("push-received");
            assertThat((long) details.number("accepted")).isEqualTo(1L);
            assertThat(details.string("digest_before")).isEqualTo(before);
            assertThat(details.string("digest_after")).isEqualTo(a.digest(lab));
        }
    }

    @Test
    void aJoinWaitingForApprovalCompletesOnApprovalAndNeverColoursThePeersOtherHives() throws Exception {
        Node a = mesh.node("a", Map.of());
        Node c = mesh.node("c", Map.of());
        String mlLab = a.createSyncedHive("ml-lab");
        String board = a.createSyncedHive(a.agent("owner"), "board", "roster");
        c.join(a, "ml-lab");

        Client.Reply asked = c.adminCall("POST", "/api/v1/sync/groups/join",
                "{\"peer_endpoint\":\"" + a.base() + "\",\"hive_name\":\"board\"}");

        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        assertThat(asked.json().string("status")).isEqualTo("approval_pending");
        JsonObject plan = a.planFor(board, c.instanceId());
        assertThat(asked.json().string("plan_id")).isEqualTo(plan.string("plan_id"));
        assertThat(((JsonValue.JsonArray) asked.json().required("waiting_for")).items())
                .containsExactly(JsonValue.of(a.instanceId()));
        JsonObject pending = Mesh.awaitValue("c's pending board join in its peer entry", Mesh.PATIENCE,
                () -> hiveState(c, a, "board"), Optional::isPresent).orElseThrow();
        assertThat(pending.string("state")).isEqualTo("pending_approval");
        assertThat(pending.string("plan_id")).isEqualTo(plan.string("plan_id"));

        post(a, "ml-lab", "while board waits");
        await("ml-lab keeps syncing", () -> shows(c, "ml-lab", "while board waits"));
        Node.Rounds rounds = c.roundsWith(a);
        await("a round of c with a begun after the join request", rounds::oneBegunSinceHasRun);
        JsonObject entry = c.peerEntry(a);
        assertThat(entry.string("status")).as(entry.toString()).isEqualTo("active");
        assertThat(entry.optionalString("last_error")).isEmpty();
        assertThat(statusInGroup(c, mlLab, a)).isEqualTo("active");
        assertThat(c.group(mlLab).toString()).doesNotContain(plan.string("plan_id"));
        assertThat(c.adminCall("GET", "/api/v1/sync/groups/" + board, null).status()).as("not admitted before approval")
                .isEqualTo(404);

        assertThat(a.approve(plan).status()).isEqualTo(200);

        await("c admitted to board with no further request",
                () -> c.adminCall("GET", "/api/v1/sync/groups/" + board, null).status() == 200);
        post(a, "board", "decided on the board");
        await("board syncs to c", () -> shows(c, "board", "decided on the board"));
        await("no trouble left for board", () -> hiveState(c, a, "board").isEmpty());
        assertThat(c.peerEntry(a).string("status")).isEqualTo("active");
    }
}
