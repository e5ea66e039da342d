package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The oversight policy of a group over real HTTP: set per group, shown, refused whole when invalid, carried to joiners. */
class GroupOversightIT {
    private final Mesh mesh = new Mesh();

    @AfterEach
    void stopAll() {
        mesh.close();
    }

    private static JsonObject oversight(Node node, String group) {
        return node.group(group).object("oversight");
    }

    private static Client.Reply patch(Node node, String group, String body) {
        return node.adminCall("PATCH", "/api/v1/sync/groups/" + group, body);
    }

    @Test
    void thePolicyIsTheGroupsSetByTheAdminRefusedWholeWhenInvalidAndTakenByAJoiner() throws Exception {
        Node a = mesh.node("a", Map.of("oversight_max_deletes", "3"));
        Node b = mesh.node("b", Map.of());
        String gov = a.createSyncedHive(a.agent("owner"), "gov", "roster");
        String lab = a.createSyncedHive("lab");
        assertThat(oversight(a, gov).canonical()).isEqualTo("{\"by\":\"admin\",\"max_deletes\":3,"
                + "\"on_contradiction\":false,\"on_join\":false,\"on_moderation_change\":false}");

        Client.Reply negative = patch(a, gov, "{\"oversight\":{\"max_deletes\":-1,\"by\":\"roster\"}}");
        Client.Reply unknownBy = patch(a, gov, "{\"oversight\":{\"by\":\"owner\"}}");
        Client.Reply notABool = patch(a, gov, "{\"oversight\":{\"on_join\":\"yes\"}}");
        Client.Reply unknownKey = patch(a, gov, "{\"oversight\":{\"max_delete\":2}}");
        Client.Reply withMethod = patch(a, gov, "{\"method\":\"owner-wins\",\"oversight\":{\"max_deletes\":1.5}}");

        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body()).contains("oversight.max_deletes must be between 0 and");
        assertThat(unknownBy.status()).isEqualTo(400);
        assertThat(unknownBy.body()).contains("oversight.by must be 'admin' or 'roster'");
        assertThat(notABool.status()).isEqualTo(400);
        assertThat(notABool.body()).contains("oversight.on_join", "must be true or false");
        assertThat(unknownKey.status()).isEqualTo(400);
        assertThat(unknownKey.body()).contains("oversight.max_delete", "is no oversight setting");
        assertThat(withMethod.status()).isEqualTo(400);
        assertThat(a.group(gov).string("method")).isEqualTo("event-union");
        assertThat(oversight(a, gov).number("max_deletes")).isEqualTo(3);
        assertThat(a.adminCall("GET", "/api/v1/audit?group=" + gov, null).body()).doesNotContain("oversight_changed");

        Client.Reply changed = patch(a, gov, "{\"oversight\":{\"max_deletes\":0,\"by\":\"roster\",\"on_moderation_change\":true}}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().object("oversight").canonical()).isEqualTo("{\"by\":\"roster\",\"max_deletes\":0,"
                + "\"on_contradiction\":false,\"on_join\":false,\"on_moderation_change\":true}");
        assertThat(oversight(a, gov)).isEqualTo(changed.json().object("oversight"));
        assertThat(oversight(a, lab).number("max_deletes")).as("another group keeps its own").isEqualTo(3);
        assertThat(patch(a, lab, "{\"oversight\":{\"max_deletes\":null}}").json().object("oversight")
                .get("max_deletes").orElseThrow().canonical()).isEqualTo("null");

        b.admittedBy(a, "gov", gov);
        assertThat(oversight(b, gov)).as("the joiner applies the group's policy").isEqualTo(oversight(a, gov));

        assertThat(patch(a, gov, "{\"oversight\":{\"max_deletes\":5,\"by\":\"admin\"}}").status()).isEqualTo(200);
        Mesh.await("the owner's next change reaches the member with the roster", () -> oversight(b, gov).equals(oversight(a, gov)));
        assertThat(oversight(b, gov).number("max_deletes")).isEqualTo(5);
    }

    @Test
    void withOversightByTheRosterAMergeThatTrippedATriggerIsApprovedByTheOtherMembersNotAnAdminAlone() throws Exception {
        Node a = mesh.node("a", Map.of());
        Node b = mesh.node("b", Map.of());
        Node c = mesh.node("c", Map.of());
        String gov = a.createSyncedHive(a.agent("owner"), "gov", "roster");
        assertThat(patch(a, gov, "{\"oversight\":{\"max_deletes\":0,\"by\":\"roster\"}}").status()).isEqualTo(200);
        b.admittedBy(a, "gov", gov);
        admittedByBoth(c, a, b, gov);
        Client bob = b.agent("bob");
        String post = bob.post("/api/v1/hives/gov/posts", "{\"title\":\"to be deleted\"}").json().string("post_id");
        Mesh.awaitConvergence(gov, a, b, c);
        String before = a.digest(gov);

        assertThat(bob.delete("/api/v1/posts/" + post).status()).isEqualTo(204);
        Mesh.await("the delete held at a", () -> heldMerge(a, gov) != null);
        JsonObject held = heldMerge(a, gov);
        String planId = held.string("plan_id");
        Mesh.await("the plan proposed to c", () -> c.plans(gov).stream().anyMatch(p -> p.string("plan_id").equals(planId)));
        Client.Reply byA = a.adminCall("POST", "/api/v1/sync/merge-plans/" + planId + "/approve", null);

        assertThat(held.string("status")).isEqualTo("pending");
        assertThat(byA.json().string("status")).as("a's approval alone does not decide").isEqualTo("pending");
        assertThat(b.plans(gov)).as("the writer of the delete is not asked").noneMatch(p -> p.string("plan_id").equals(planId));
        assertThat(a.digest(gov)).isEqualTo(before);

        assertThat(c.adminCall("POST", "/api/v1/sync/merge-plans/" + planId + "/approve", null).status()).isEqualTo(200);

        Mesh.awaitConvergence(gov, a, b);
        assertThat(a.digest(gov)).isNotEqualTo(before);
        assertThat(heldMerge(a, gov).string("status")).isEqualTo("approved");
        String audit = a.adminCall("GET", "/api/v1/audit?group=" + gov, null).body();
        assertThat(audit).contains("\"overseen_by\":\"roster\"", "merged after oversight");
        // A member that is not the owner holds the same delete for its own admin when it arrives there.
        Mesh.await("the delete held at c", () -> heldMerge(c, gov) != null);
        assertThat(c.digest(gov)).isEqualTo(before);
        assertThat(c.approve(heldMerge(c, gov)).status()).isEqualTo(200);
        Mesh.awaitConvergence(gov, a, b, c);
    }

    /** {@code joiner} asks {@code owner}; the roster so far, the owner and {@code member}, approves. */
    private static void admittedByBoth(Node joiner, Node owner, Node member, String group) throws Exception {
        assertThat(joiner.adminCall("POST", "/api/v1/sync/peers", "{\"name\":\"" + owner.name + "\",\"sync_endpoint\":\""
                + owner.base() + "\",\"shared_hives\":[\"gov\"]}").status()).isEqualTo(201);
        String joinerId = joiner.instanceId();
        Mesh.await("the join plan at the owner", () -> owner.planFor(group, joinerId) != null);
        String planId = owner.planFor(group, joinerId).string("plan_id");
        owner.adminCall("POST", "/api/v1/sync/merge-plans/" + planId + "/approve", null);
        Mesh.await("the join plan proposed to the member",
                () -> member.plans(group).stream().anyMatch(p -> p.string("plan_id").equals(planId)));
        assertThat(member.adminCall("POST", "/api/v1/sync/merge-plans/" + planId + "/approve", null).status()).isEqualTo(200);
        Mesh.await(joiner.name + " admitted", () -> joiner.adminCall("GET", "/api/v1/sync/groups/" + group, null).status() == 200);
    }

    private static JsonObject heldMerge(Node node, String group) {
        return node.plans(group).stream().filter(p -> p.string("kind").equals("merge")).findFirst().orElse(null);
    }
}
