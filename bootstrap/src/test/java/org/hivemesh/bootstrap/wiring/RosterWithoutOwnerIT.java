package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hivemesh.bootstrap.wiring.Mesh.await;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The roster is the group's replicated state: any member admits a newcomer the roster approved, owner or not. */
class RosterWithoutOwnerIT {
    private final Mesh mesh = new Mesh();

    @AfterEach
    void stopAll() {
        mesh.close();
    }

    private static String governedHive(Node owner) {
        owner.agent("owner").post("/api/v1/hives", "{\"name\":\"gov\"}");
        Client.Reply group = owner.adminCall("POST", "/api/v1/sync/groups", "{\"hive_name\":\"gov\",\"consent\":\"roster\"}");
        assertThat(group.status()).isEqualTo(201);
        return group.json().string("id");
    }

    private static void askToJoin(Node joiner, Node via, String name) {
        assertThat(joiner.adminCall("POST", "/api/v1/sync/peers", "{\"name\":\"" + name + "\",\"sync_endpoint\":\""
                + via.base() + "\",\"shared_hives\":[\"gov\"]}").status()).isEqualTo(201);
    }

    private static boolean joined(Node node, String group) {
        return node.adminCall("GET", "/api/v1/sync/groups/" + group, null).status() == 200;
    }

    /** The active members as this node's roster shows them (offline ones count: they are still on the roster). */
    static Set<String> roster(Node node, String group) {
        Set<String> members = new TreeSet<>();
        Node.array(node.adminCall("GET", "/api/v1/sync/groups/" + group + "/roster", null).json(), "data").items().stream()
                .map(JsonObject.class::cast).filter(m -> !m.string("state").equals("invited"))
                .forEach(m -> members.add(m.string("instance_id")));
        return members;
    }

    private static String approve(Node node, String planId) {
        Client.Reply reply = node.adminCall("POST", "/api/v1/sync/merge-plans/" + planId + "/approve", null);
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().string("status");
    }

    @Test
    void aNewcomerTheRosterApprovedIsAdmittedByAMemberWhileTheOwnerIsDown() throws Exception {
        Node a = mesh.node("a", Map.of());
        Node b = mesh.node("b", Map.of());
        Node c = mesh.node("c", Map.of());
        String group = governedHive(a);
        Set<String> expected = Set.of(a.instanceId(), b.instanceId(), c.instanceId());
        askToJoin(b, a, "a");
        await("b's plan", () -> a.planFor(group, b.instanceId()) != null);
        approve(a, a.planFor(group, b.instanceId()).string("plan_id"));
        await("b admitted", () -> joined(b, group));

        askToJoin(c, a, "a");
        String cId = c.instanceId();
        await("c's plan", () -> a.planFor(group, cId) != null);
        String planId = a.planFor(group, cId).string("plan_id");
        await("the plan reached b", () -> b.plans(group).stream().anyMatch(p -> p.string("plan_id").equals(planId)));
        c.stop();
        approve(a, planId);
        approve(b, planId);
        await("b holds c's admission in the group's log", () -> roster(b, group).contains(cId));
        a.stop();

        c.start();
        askToJoin(c, b, "b");

        await("c admitted by b", () -> joined(c, group));
        Mesh.awaitConvergence(group, b, c);
        assertThat(roster(b, group)).isEqualTo(expected);
        assertThat(roster(c, group)).isEqualTo(expected);
        assertThat(c.group(group).string("state_digest")).isEqualTo(b.group(group).string("state_digest"));
        assertThat(b.adminCall("GET", "/api/v1/audit?group=" + group, null).body()).contains("peer_admitted", cId);

        a.start();
        Mesh.awaitConvergence(group, a, b, c);
        assertThat(roster(a, group)).isEqualTo(expected);
        assertThat(List.of(a.digest(group), b.digest(group))).containsOnly(c.digest(group));
    }

    private static String ownerOf(Node node, String group) {
        return node.adminCall("GET", "/api/v1/sync/groups/" + group + "/owner", null).json().string("instance_id");
    }

    @Test
    void theOwnerHandsOwnershipToAMemberAndEveryMemberAgreesOnIt() throws Exception {
        Node a = mesh.node("a", Map.of());
        Node b = mesh.node("b", Map.of());
        String group = governedHive(a);
        String aId = a.instanceId();
        String bId = b.instanceId();
        askToJoin(b, a, "a");
        await("b's plan", () -> a.planFor(group, bId) != null);
        approve(a, a.planFor(group, bId).string("plan_id"));
        await("b admitted", () -> joined(b, group));
        Mesh.awaitConvergence(group, a, b);
        assertThat(ownerOf(b, group)).isEqualTo(aId);
        String digest = b.digest(group);

        Client.Reply notOwner = b.adminCall("POST", "/api/v1/sync/groups/" + group + "/owner",
                "{\"instance_id\":\"" + bId + "\"}");
        assertThat(notOwner.status()).isEqualTo(403);
        assertThat(notOwner.body()).contains("not_owner_instance");
        assertThat(b.digest(group)).as("a refused transfer changes nothing").isEqualTo(digest);
        assertThat(ownerOf(b, group)).isEqualTo(aId);

        Client.Reply handed = a.adminCall("POST", "/api/v1/sync/groups/" + group + "/owner",
                "{\"instance_id\":\"" + bId + "\"}");

        assertThat(handed.status()).isEqualTo(200);
        assertThat(handed.json().string("instance_id")).isEqualTo(bId);
        await("b learns it owns the group", () -> ownerOf(b, group).equals(bId));
        Mesh.awaitConvergence(group, a, b);
        assertThat(ownerOf(a, group)).isEqualTo(bId);
        assertThat(a.adminCall("POST", "/api/v1/sync/groups/" + group + "/owner", "{\"instance_id\":\"" + aId + "\"}")
                .status()).as("the old owner no longer may").isEqualTo(403);
        assertThat(b.adminCall("POST", "/api/v1/sync/groups/" + group + "/owner", "{\"instance_id\":\"" + aId + "\"}")
                .json().string("instance_id")).as("the new owner may").isEqualTo(aId);
        await("a owns it again everywhere", () -> ownerOf(a, group).equals(aId) && ownerOf(b, group).equals(aId));
    }
}
