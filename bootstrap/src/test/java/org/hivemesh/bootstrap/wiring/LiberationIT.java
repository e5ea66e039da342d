package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Liberation forks a synced hive into a new lineage: all content stays, the old lineage cannot reach it. */
class LiberationIT {
    private Node a;
    private Node b;

    @AfterEach
    void stop() {
        a.stop();
        b.stop();
    }

    /** What a reader sees, without IDs (they change in a fork): titles, scores, comment threads, conflict states. */
    private static String view(Node node) {
        Client reader = node.agent("reader");
        List<JsonObject> posts = Node.array(reader.get("/api/v1/hives/fork/feed?limit=100&sort=new").json(), "data")
                .items().stream().map(JsonObject.class::cast).toList();
        String feed = posts.stream().map(p -> p.string("title") + " score " + (long) p.number("score") + " comments "
                + (long) p.number("comment_count") + " " + thread(reader.get("/api/v1/posts/" + p.string("post_id")).json()))
                .collect(Collectors.joining("\n"));
        String conflicts = Node.array(reader.get("/api/v1/hives/fork/conflicts?status=all").json(), "data").items().stream()
                .map(c -> ((JsonObject) c).string("topic") + " " + ((JsonObject) c).string("status"))
                .collect(Collectors.joining(","));
        return feed + "\n" + conflicts;
    }

    /** The IDs of the handshakes from {@code joiner} that {@code node} has admitted, as its audit log records them. */
    private static Set<String> handshakesFrom(Node joiner, Node node) {
        String joinerId = joiner.instanceId();
        return Node.array(node.adminCall("GET", "/api/v1/audit?limit=1000", null).json(), "data").items().stream()
                .map(JsonObject.class::cast)
                .filter(r -> r.string("action").equals("peer_admitted") && r.string("actor").equals(joinerId))
                .map(r -> r.string("id")).collect(Collectors.toSet());
    }

    private static long newOnes(Set<String> now, Set<String> before) {
        return now.stream().filter(id -> !before.contains(id)).count();
    }

    private static String thread(JsonObject post) {
        return Node.array(post, "comments").items().stream().map(c -> {
            JsonObject comment = (JsonObject) c;
            return comment.optionalString("content").orElse("[deleted]") + "[" + thread(JsonObject.builder().put("comments", comment.required("replies")).build()) + "]";
        }).collect(Collectors.joining(";"));
    }

    @Test
    void aLiberatedHiveKeepsItsContentUnderANewLineageThatTheOldPeersCannotReach() throws Exception {
        a = new Node("a").start();
        b = new Node("b").start();
        String oldGroup = a.createSyncedHive("fork");
        b.join(a, "fork");
        Client alice = a.agent("alice");
        String post = alice.post("/api/v1/hives/fork/posts", "{\"title\":\"kept\",\"content\":\"body\"}").json().string("post_id");
        String top = alice.post("/api/v1/posts/" + post + "/comments", "{\"content\":\"top\"}").json().string("comment_id");
        alice.post("/api/v1/posts/" + post + "/comments", "{\"content\":\"reply\",\"parent_comment_id\":\"" + top + "\"}");
        alice.post("/api/v1/votes", "{\"target_type\":\"post\",\"target_id\":\"" + post + "\",\"value\":1}");
        String gone = alice.post("/api/v1/hives/fork/posts", "{\"title\":\"deleted\"}").json().string("post_id");
        assertThat(alice.delete("/api/v1/posts/" + gone).status()).isEqualTo(204);
        String keep = alice.post("/api/v1/hives/fork/decisions", "{\"topic\":\"db\",\"choice\":\"pg\",\"text\":\"t\","
                + "\"confidence\":0.9,\"category\":\"arch\",\"stakes\":\"high\"}").json().string("decision_id");
        b.agent("bob").post("/api/v1/hives/fork/decisions", "{\"topic\":\"db\",\"choice\":\"mongo\",\"text\":\"t\","
                + "\"confidence\":0.5,\"category\":\"arch\",\"stakes\":\"high\"}");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Mesh.awaitConvergence(oldGroup, Mesh.left(deadline), a, b);
        String conflict = ((JsonObject) Node.array(alice.get("/api/v1/hives/fork/conflicts").json(), "data").items().get(0))
                .string("conflict_id");
        alice.post("/api/v1/conflicts/" + conflict + "/review", "{\"keep_decision_id\":\"" + keep + "\",\"note\":\"n\"}");
        Mesh.awaitConvergence(oldGroup, Mesh.left(deadline), a, b);
        String before = view(b);

        Client.Reply locked = b.adminCall("PATCH", "/api/v1/sync/groups/" + oldGroup, "{\"method\":\"other\"}");
        Client.Reply liberated = b.adminCall("POST", "/api/v1/sync/groups/" + oldGroup + "/liberate", null);

        assertThat(locked.status()).isEqualTo(409);
        assertThat(locked.json().object("error").string("code")).isEqualTo("method_locked");
        assertThat(liberated.status()).isEqualTo(201);
        String newGroup = liberated.json().string("id");
        assertThat(newGroup).isNotEqualTo(oldGroup);
        assertThat(liberated.json().string("lineage")).isEqualTo(newGroup);
        assertThat(liberated.json().string("owner_instance_id")).isEqualTo(b.group(newGroup).string("owner_instance_id"));
        assertThat(view(b)).isEqualTo(before).contains("kept score 1 comments 2 top[reply[]]", "db resolved");
        assertThat(b.adminCall("GET", "/api/v1/audit?limit=5", null).body()).contains("liberated");

        alice.post("/api/v1/hives/fork/posts", "{\"title\":\"after the fork\"}");
        long refusedPushes = b.answered("POST", 404);
        Set<String> handshakes = handshakesFrom(b, a);
        // Both ways a round begun after the post has been turned away. a's rounds each push once (few events are
        // pending) and b answers 404, the old group being gone there; b's rounds each handshake once with a, holding no
        // link to the old lineage, and refuse its reply. The second such push or handshake from now is in a round that
        // began after the post.
        Mesh.await("a push and a handshake of rounds begun after the post, turned away", Mesh.A_FEW_ROUNDS,
                () -> b.answered("POST", 404) >= refusedPushes + 2 && newOnes(handshakesFrom(b, a), handshakes) >= 2);
        assertThat(view(b)).doesNotContain("after the fork");
        Client.Reply changed = b.adminCall("PATCH", "/api/v1/sync/groups/" + newGroup, "{\"method\":\"other\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    }
}
