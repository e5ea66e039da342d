package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hivemesh.bootstrap.wiring.Mesh.await;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ownership of a governed group after its owner went silent, over real HTTP: a owns "gov", b and c are on its roster
 * and sync with each other; with a stopped, b and c claim succession once a's latest event is older than their
 * {@code owner_silence_limit}, and ownership moves to the same successor on both.
 */
class SuccessionIT {
    /** Until the test says otherwise: no member may claim while the roster is being built. */
    private static final Map<String, String> PATIENT = Map.of("owner_silence_limit", "1h");
    private static final Map<String, String> SHORT = Map.of("owner_silence_limit", "3s");

    private final Mesh mesh = new Mesh();
    private Node a;
    private Node b;
    private Node c;
    private Client owner;
    private String group;

    @AfterEach
    void stopAll() {
        mesh.close();
    }

    /** a creates "gov"; b joins with a's approval, c with a's and b's; then c links with b, so b and c sync directly. */
    private void threeMembers() throws Exception {
        a = mesh.node("a", PATIENT);
        b = mesh.node("b", PATIENT);
        c = mesh.node("c", PATIENT);
        owner = a.agent("owner");
        owner.post("/api/v1/hives", "{\"name\":\"gov\"}");
        Client.Reply created = a.adminCall("POST", "/api/v1/sync/groups", "{\"hive_name\":\"gov\",\"consent\":\"roster\"}");
        assertThat(created.status()).isEqualTo(201);
        group = created.json().string("id");
        b.admittedBy(a, "gov", group);

        askToJoin(c, a);
        String cId = c.instanceId();
        await("c's plan", () -> a.planFor(group, cId) != null);
        String planId = a.planFor(group, cId).string("plan_id");
        await("the plan reached b", () -> b.plans(group).stream().anyMatch(p -> p.string("plan_id").equals(planId)));
        assertThat(a.approve(a.planFor(group, cId)).status()).isEqualTo(200);
        assertThat(b.adminCall("POST", "/api/v1/sync/merge-plans/" + planId + "/approve", null).status()).isEqualTo(200);
        await("c admitted", () -> c.adminCall("GET", "/api/v1/sync/groups/" + group, null).status() == 200);
        // gossip may have brought b to c already: a standing peer entry either way
        Client.Reply standing = c.adminCall("POST", "/api/v1/sync/peers", "{\"name\":\"b\",\"sync_endpoint\":\""
                + b.base() + "\",\"shared_hives\":[\"gov\"]}");
        assertThat(standing.status() == 201 || standing.body().contains("peer_exists")).as(standing.body()).isTrue();
        await("b links c", () -> b.linkedPeers(group).size() == 2);
        Mesh.awaitConvergence(group, a, b, c);
        assertThat(List.of(ownerOf(b), ownerOf(c))).containsOnly(a.instanceId());
    }

    private static void askToJoin(Node joiner, Node via) {
        Client.Reply added = joiner.adminCall("POST", "/api/v1/sync/peers", "{\"name\":\"" + via.name
                + "\",\"sync_endpoint\":\"" + via.base() + "\",\"shared_hives\":[\"gov\"]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
    }

    private String ownerOf(Node node) {
        return owner(node).string("instance_id");
    }

    private JsonObject owner(Node node) {
        return node.adminCall("GET", "/api/v1/sync/groups/" + group + "/owner", null).json();
    }

    /** The succession claims in this node's log, as "claimant -> successor". */
    private List<String> claims(Node node) {
        JsonObject page = node.adminCall("GET", "/api/v1/sync/groups/" + group + "/events?since=0&limit=1000", null).json();
        return Node.array(page, "events").items().stream().map(JsonObject.class::cast)
                .filter(e -> e.string("type").equals("owner_succession_claimed"))
                .map(e -> e.string("origin") + " -> " + e.object("payload").object("successor").string("instance_id"))
                .sorted().toList();
    }

    private String audit(Node node) {
        return node.adminCall("GET", "/api/v1/audit?group=" + group, null).body();
    }

    /** b and c each ran a sync round with the other that began after this call. */
    private void awaitRoundsBetweenBAndC() throws InterruptedException {
        Node.Rounds bWithC = b.roundsWith(c);
        Node.Rounds cWithB = c.roundsWith(b);
        await("a round each way between b and c", Mesh.A_FEW_ROUNDS,
                () -> bWithC.oneBegunSinceHasRun() & cWithB.oneBegunSinceHasRun());
    }

    /** Restarts b and c with a silence limit their owner's silence already exceeds. */
    private void restartBAndCWithAShortLimit() {
        b.stop();
        c.stop();
        b.start(SHORT);
        c.start(SHORT);
    }

    @Test
    void membersClaimSuccessionOnlyOnceTheOwnerWasSilentForTheLimitAndAllAgreeOnTheSuccessor() throws Exception {
        threeMembers();
        String aId = a.instanceId();
        String bId = b.instanceId();
        String cId = c.instanceId();
        String successor = Stream.of(bId, cId).min(String::compareTo).orElseThrow();
        a.stop();

        awaitRoundsBetweenBAndC();
        assertThat(List.of(ownerOf(b), ownerOf(c))).as("silent for less than the limit: a still owns").containsOnly(aId);
        assertThat(claims(b)).isEmpty();
        assertThat(claims(c)).isEmpty();
        assertThat(audit(b)).doesNotContain("owner_succession_claimed");

        restartBAndCWithAShortLimit();

        await("b and c name the successor as owner", () -> ownerOf(b).equals(successor) && ownerOf(c).equals(successor));
        Mesh.awaitConvergence(group, b, c);
        assertThat(owner(c)).isEqualTo(owner(b));
        assertThat(owner(b).string("agent_id")).isEqualTo("instance");
        // Not an exact list: once the successor is silent for the limit too, the other member claims again.
        List<String> bothClaimed = List.of(bId + " -> " + successor, cId + " -> " + successor);
        assertThat(claims(b)).as("each member's claim, in b's log").containsAll(bothClaimed);
        assertThat(claims(c)).as("each member's claim, in c's log").containsAll(bothClaimed);
        assertThat(b.refused(group)).isEmpty();
        assertThat(c.refused(group)).isEmpty();
        assertThat(audit(b)).contains("owner_succession_claimed", successor);
        assertThat(audit(c)).contains("owner_succession_claimed", successor);
    }

    @Test
    void afterSuccessionTheSuccessorsChangeOfASettingBeatsALaterOneOfAnotherMember() throws Exception {
        threeMembers();
        Client modB = appointModerator(b, "mod-b");
        Client modC = appointModerator(c, "mod-c");
        Mesh.awaitConvergence(group, a, b, c);
        boolean bSucceeds = b.instanceId().compareTo(c.instanceId()) < 0;
        Node successor = bSucceeds ? b : c;
        Node other = bSucceeds ? c : b;
        Client successorsMod = bSucceeds ? modB : modC;
        Client othersMod = bSucceeds ? modC : modB;
        String successorId = successor.instanceId();
        a.stop();
        restartBAndCWithAShortLimit();
        await("ownership moved on both", () -> ownerOf(b).equals(successorId) && ownerOf(c).equals(successorId));
        Mesh.awaitConvergence(group, b, c);

        // Partitioned: each changes the setting while the other is down, the other member last (a later HLC).
        other.stop();
        assertThat(setMotto(successorsMod, "the successor's").status()).isEqualTo(200);
        successor.stop();
        other.start(SHORT);
        assertThat(setMotto(othersMod, "a member's").status()).isEqualTo(200);
        assertThat(motto(othersMod)).as("alone, the member's change holds").isEqualTo("a member's");
        successor.start(SHORT);

        Mesh.awaitConvergence(group, b, c);
        assertThat(motto(othersMod)).as("owner-preferring LWW: the owner's change wins").isEqualTo("the successor's");
        assertThat(motto(successorsMod)).isEqualTo("the successor's");
        assertThat(ownerOf(b)).isEqualTo(successorId);
    }

    /** An agent of {@code node} that a's owner makes moderator of "gov", so it may change settings wherever it is. */
    private Client appointModerator(Node node, String name) {
        Client moderator = node.agent(name);
        Client.Reply granted = owner.post("/api/v1/hives/gov/moderators", "{\"agent_id\":\"" + moderator.agentId()
                + "\",\"action\":\"add\",\"instance_id\":\"" + node.instanceId() + "\",\"name\":\"" + name + "\"}");
        assertThat(granted.status()).isEqualTo(200);
        return moderator;
    }

    private static Client.Reply setMotto(Client moderator, String motto) {
        return moderator.send("PATCH", "/api/v1/hives/gov/settings", moderator.session(),
                "{\"key\":\"motto\",\"value\":\"" + motto + "\"}");
    }

    private static String motto(Client reader) {
        return reader.get("/api/v1/hives/gov").json().object("settings").string("motto");
    }
}
