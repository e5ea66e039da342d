package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hivemesh.bootstrap.wiring.Mesh.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.HexFormat;
import java.util.Optional;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.UnsignedEvent;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Groups with consent: roster — every merge (here: every join) waits for the roster's approval. */
class GovernedGroupIT {
    private final Mesh mesh = new Mesh();

    @AfterEach
    void stopAll() {
        mesh.close();
    }

    private Node node(String name, Map<String, String> settings) throws Exception {
        return mesh.node(name, settings);
    }


    private static String governedHive(Node owner) {
        owner.agent("owner").post("/api/v1/hives", "{\"name\":\"gov\"}");
        Client.Reply group = owner.adminCall("POST", "/api/v1/sync/groups", "{\"hive_name\":\"gov\",\"consent\":\"roster\"}");
        assertThat(group.status()).isEqualTo(201);
        assertThat(group.json().string("consent")).isEqualTo("roster");
        return group.json().string("id");
    }

    private static void askToJoin(Node joiner, Node owner) {
        assertThat(joiner.adminCall("POST", "/api/v1/sync/peers", "{\"name\":\"owner\",\"sync_endpoint\":\"" + owner.base()
                + "\",\"shared_hives\":[\"gov\"]}").status()).isEqualTo(201);
    }

    /** While the owner is the whole roster, its approval alone admits a joiner. */
    private static void admittedByTheOwnerAlone(Node joiner, Node owner, String group) throws InterruptedException {
        askToJoin(joiner, owner);
        Supplier<JsonObject> plan = planOf(owner, group, joiner);
        await(joiner.name + "'s plan", () -> plan.get() != null);
        owner.adminCall("POST", "/api/v1/sync/merge-plans/" + plan.get().string("plan_id") + "/approve", null);
        await(joiner.name + " admitted", () -> joined(joiner, group));
    }

    private static List<JsonObject> plans(Node owner, String group) {
        return Node.array(owner.adminCall("GET", "/api/v1/sync/groups/" + group + "/merge-plans", null).json(), "data")
                .items().stream().map(JsonObject.class::cast).toList();
    }

    private static Supplier<JsonObject> planOf(Node owner, String group, Node joiner) {
        String joinerId = joiner.admin().send("GET", "/.well-known/hivemesh.json", null, null).json().string("instance_id");
        return () -> plans(owner, group).stream().filter(p -> p.string("peer_instance_id").equals(joinerId))
                .reduce((a, b) -> b).orElse(null);
    }

    private static List<String> waitingFor(JsonObject plan) {
        return ((JsonValue.JsonArray) plan.object("approval").required("waiting_for")).items().stream()
                .map(v -> ((JsonValue.JsonString) v).value()).toList();
    }

    private static boolean joined(Node node, String group) {
        return node.adminCall("GET", "/api/v1/sync/groups/" + group, null).status() == 200;
    }

    @Test
    void aSilentMemberIsPrunedAfterTheTimeoutAndTheMergeProceedsWithAnAuditRecord() throws Exception {
        Node a = node("a", Map.of("consent_prune_after", "5s"));
        Node b = node("b", Map.of());
        Node c = node("c", Map.of());
        String group = governedHive(a);

        askToJoin(b, a);
        Supplier<JsonObject> planB = planOf(a, group, b);
        await("b's plan", () -> planB.get() != null);
        assertThat(joined(b, group)).isFalse();
        assertThat(a.adminCall("POST", "/api/v1/sync/merge-plans/" + planB.get().string("plan_id") + "/approve", null)
                .json().string("status")).isEqualTo("approved");
        await("b admitted", () -> joined(b, group));

        askToJoin(c, a);
        Supplier<JsonObject> planC = planOf(a, group, c);
        await("c's plan", () -> planC.get() != null);
        assertThat(waitingFor(planC.get())).hasSize(2);
        a.adminCall("POST", "/api/v1/sync/merge-plans/" + planC.get().string("plan_id") + "/approve", null);
        assertThat(joined(c, group)).isFalse();
        await("b pruned and c admitted", () -> joined(c, group));

        assertThat(planC.get().object("approval").required("pruned").toString()).contains("inst_");
        a.agent("alice").post("/api/v1/hives/gov/posts", "{\"title\":\"for the roster\"}");
        await("c converged", () -> c.digest(group).equals(a.digest(group)));
        assertThat(Node.array(a.group(group), "roster").items()).hasSize(3);
        String audit = a.adminCall("GET", "/api/v1/audit?group=" + group, null).body();
        assertThat(audit.split("merge_executed", -1)).hasSize(3);
        assertThat(audit).contains("digest_before", "digest_after");
    }

    @Test
    void anotherRosterMemberApprovesFromItsOwnInstanceWithASignedApproval() throws Exception {
        Node a = node("a", Map.of());
        Node b = node("b", Map.of());
        Node c = node("c", Map.of());
        String group = governedHive(a);
        admittedByTheOwnerAlone(b, a, group);

        askToJoin(c, a);
        Supplier<JsonObject> planC = planOf(a, group, c);
        await("c's plan", () -> planC.get() != null);
        String planId = planC.get().string("plan_id");
        String cId = planC.get().string("peer_instance_id");
        assertThat(rosterState(a, group, cId)).isEqualTo("invited");
        await("the plan reached b", () -> plans(b, group).stream().anyMatch(p -> p.string("plan_id").equals(planId)));
        a.adminCall("POST", "/api/v1/sync/merge-plans/" + planId + "/approve", null);
        assertThat(joined(c, group)).isFalse();

        Client.Reply fromB = b.adminCall("POST", "/api/v1/sync/merge-plans/" + planId + "/approve", null);

        assertThat(fromB.status()).isEqualTo(200);
        await("c admitted", () -> joined(c, group));
        assertThat(planC.get().string("status")).isEqualTo("approved");
        assertThat(planC.get().object("approval").object("approvals").members()).hasSize(2);
        assertThat(a.adminCall("GET", "/api/v1/audit?group=" + group, null).body()).contains("\"signed\":true");
        await("the owner told b the new roster", () -> Node.array(b.group(group), "roster").items().size() == 3);
        assertThat(rosterState(a, group, cId)).isEqualTo("active");

        c.stop();
        a.agent("alice").post("/api/v1/hives/gov/posts", "{\"title\":\"while c is away\"}");
        await("a shows c offline", () -> "offline".equals(rosterState(a, group, cId)));

        b.stop();
        assertThat(a.adminCall("DELETE", "/api/v1/sync/groups/" + group + "/roster/" + cId, null).status()).isEqualTo(204);
        b.start();
        await("b, down during the change, got the roster on a later round",
                () -> Node.array(b.group(group), "roster").items().size() == 2);
        assertThat(rosterState(b, group, cId)).isNull();
    }

    private static String rosterState(Node node, String group, String instanceId) {
        return Node.array(node.adminCall("GET", "/api/v1/sync/groups/" + group + "/roster", null).json(), "data").items()
                .stream().map(JsonObject.class::cast).filter(m -> m.string("instance_id").equals(instanceId))
                .map(m -> m.string("state")).findFirst().orElse(null);
    }

    @Test
    void aMemberWithUnsharedWorkMustContributeBeforeCatchingUp() throws Exception {
        Node a = node("a", Map.of());
        String group = governedHive(a);
        BareMember member = BareMember.create();
        String me = member.id();
        HandMadePeer.Reply pending = member.askToJoin(a);
        assertThat(pending.status()).isEqualTo(409);
        assertThat(pending.json().object("error").string("code")).isEqualTo("approval_pending");
        String token = member.admittedBy(a, group);

        HandMadePeer.Reply refused = member.send(a, "GET", "/sync/v1/groups/" + group + "/events?since=0&unshared=2", token, null);
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            UnsignedEvent body = new UnsignedEvent(group, me, new Hlc(System.currentTimeMillis() + i, 0), new EventPayload.PostCreated(
                    "offline " + i, Optional.empty(), Optional.empty(), new AgentRef(me, "agt_me", "me")));
            mine.add(body.signedWith(HexFormat.of().formatHex(member.sign(body.canonicalBytes())))
                    .toJson().canonical());
        }
        HandMadePeer.Reply contributed = member.send(a, "POST", "/sync/v1/groups/" + group + "/events", token,
                "{\"events\":[" + String.join(",", mine) + "],\"keys\":{\"" + me + "\":\""
                        + member.publicKeyHex() + "\"}}");
        HandMadePeer.Reply caughtUp = member.send(a, "GET", "/sync/v1/groups/" + group + "/events?since=0&unshared=0", token, null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().object("error").string("code")).isEqualTo("contribute_first");
        assertThat(refused.json().object("error").string("message")).contains("2 local events");
        assertThat(contributed.json().number("accepted")).isEqualTo(2);
        assertThat(caughtUp.status()).isEqualTo(200);
    }

    @Test
    void onlyTheOwnerMaySendTheRosterAndABadRosterChangesNothing() throws Exception {
        Node a = node("a", Map.of());
        String group = governedHive(a);
        BareMember member = BareMember.create();
        String me = member.id();
        String token = member.admittedBy(a, group);
        String rosterBefore = Node.array(a.group(group), "roster").toString();

        HandMadePeer.Reply notOwner = member.send(a, "POST", "/sync/v1/groups/" + group + "/roster", token,
                "{\"members\":[\"" + me + "\"]}");
        HandMadePeer.Reply wrongType = member.send(a, "POST", "/sync/v1/groups/" + group + "/roster", token,
                "{\"members\":\"" + me + "\"}");

        assertThat(notOwner.status()).isEqualTo(403);
        assertThat(notOwner.json().object("error").string("message")).contains("only the owner");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().object("error").string("message")).contains("members");
        assertThat(Node.array(a.group(group), "roster").toString()).isEqualTo(rosterBefore);
    }

    @Test
    void aMergeThatFiresAnOversightTriggerWaitsForTheAdmin() throws Exception {
        Node a = node("a", Map.of("oversight_on_contradiction", "true"));
        Node b = node("b", Map.of());
        String group = governedHive(a);
        admittedByTheOwnerAlone(b, a, group);
        String decision = "{\"topic\":\"db\",\"choice\":\"%s\",\"text\":\"t\",\"confidence\":0.8,"
                + "\"category\":\"arch\",\"stakes\":\"high\"}";
        a.agent("alice").post("/api/v1/hives/gov/decisions", String.format(decision, "postgres"));
        await("b has a's decision", () -> b.eventCount(group) == a.eventCount(group));

        b.agent("bob").post("/api/v1/hives/gov/decisions", String.format(decision, "mongo"));
        Supplier<JsonObject> held = () -> plans(a, group).stream().filter(p -> p.string("kind").equals("merge"))
                .findFirst().orElse(null);
        await("a merge plan held for oversight", () -> held.get() != null);
        Node.Rounds aWithB = a.roundsWith(b);
        Node.Rounds bWithA = b.roundsWith(a);
        // A round begun after the hold has run each way: what a later round would do with the held merge, it has done.
        await("a round begun after the hold, each way", Mesh.A_FEW_ROUNDS,
                () -> aWithB.oneBegunSinceHasRun() & bWithA.oneBegunSinceHasRun());

        JsonObject plan = held.get();
        assertThat(plan.string("status")).isEqualTo("awaiting_oversight");
        assertThat(plan.object("plan").toString()).contains("contradicting decisions");
        assertThat(plan.object("plan").number("contradictions")).isEqualTo(1);
        assertThat(Node.array(a.agent("reader").get("/api/v1/hives/gov/decisions").json(), "data").items()).hasSize(1);
        assertThat(plans(a, group).stream().filter(p -> p.string("kind").equals("merge"))).hasSize(1);

        assertThat(a.adminCall("POST", "/api/v1/sync/merge-plans/" + plan.string("plan_id") + "/approve", null)
                .json().string("status")).isEqualTo("approved");

        assertThat(Node.array(a.agent("reader").get("/api/v1/hives/gov/decisions").json(), "data").items()).hasSize(2);
        await("one digest", () -> a.digest(group).equals(b.digest(group)));
        assertThat(a.adminCall("GET", "/api/v1/audit?group=" + group, null).body()).contains("merged after oversight");
    }

    @Test
    void aRosterChangeDuringTheWindowForcesANewApprovalRound() throws Exception {
        Node a = node("a", Map.of());
        Node b = node("b", Map.of());
        Node d = node("d", Map.of());
        String group = governedHive(a);
        admittedByTheOwnerAlone(b, a, group);

        askToJoin(d, a);
        Supplier<JsonObject> planD = planOf(a, group, d);
        await("d's plan", () -> planD.get() != null);
        String planId = planD.get().string("plan_id");
        a.adminCall("POST", "/api/v1/sync/merge-plans/" + planId + "/approve", null);
        assertThat(waitingFor(planD.get())).hasSize(1);
        String bId = b.admin().send("GET", "/.well-known/hivemesh.json", null, null).json().string("instance_id");

        assertThat(a.adminCall("DELETE", "/api/v1/sync/groups/" + group + "/roster/" + bId, null).status()).isEqualTo(204);

        JsonObject renewed = planD.get();
        assertThat(renewed.object("approval").object("approvals").members()).isEmpty();
        assertThat(waitingFor(renewed)).hasSize(1).doesNotContain(bId);
        assertThat(joined(d, group)).isFalse();
        a.adminCall("POST", "/api/v1/sync/merge-plans/" + planId + "/approve", null);
        await("d admitted after the new round", () -> joined(d, group));
    }

    /** A joiner with its own keys but no instance: it speaks the peer protocol directly. */
    /** A member driven by hand, to send what a real instance would not. */
    private static final class BareMember {
        private final HandMadePeer peer = new HandMadePeer();

        static BareMember create() {
            return new BareMember();
        }

        String id() {
            return peer.id;
        }

        String publicKeyHex() {
            return peer.publicKeyHex();
        }

        byte[] sign(byte[] message) {
            return peer.sign(message);
        }

        HandMadePeer.Reply askToJoin(Node owner) {
            return peer.handshake(owner, "gov", null);
        }

        HandMadePeer.Reply send(Node node, String method, String path, String token, String body) {
            return peer.send(node, method, path, token, body);
        }

        /** Asks to join, has the owner (the only roster member) approve, and returns the admitted member's token. */
        String admittedBy(Node owner, String group) {
            askToJoin(owner);
            owner.adminCall("POST", "/api/v1/sync/merge-plans/" + plans(owner, group).get(0).string("plan_id") + "/approve",
                    null);
            return askToJoin(owner).json().string("sync_token");
        }
    }
}
