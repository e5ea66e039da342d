package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hivemesh.bootstrap.wiring.HandMadePeer.handshakeBody;
import static org.hivemesh.bootstrap.wiring.Mesh.await;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Identity attacks over real HTTP: a hand-made peer with its own key tries to pass for another instance, to make
 * the owner drop a real peer, to rewrite a roster, to reuse or bend signed requests, and to approve merges without
 * the admin's grant. Each refusal is checked together with "nothing changed".
 */
class TrustIT {
    private static final String HANDSHAKE = "/sync/v1/handshake";

    private final Mesh mesh = new Mesh();
    private final HandMadePeer attacker = new HandMadePeer();

    @AfterEach
    void stopAll() {
        mesh.close();
        attacker.close();
    }

    /** {@code body} sent by the attacker, signed with its own key while the Origin header says {@code origin}. */
    private HandMadePeer.Reply handshakeSignedAs(Node to, String origin, String body) {
        return attacker.sendWith(to, "POST", HANDSHAKE, null, body, attacker.signedHeadersAs(origin, "POST", HANDSHAKE,
                to.instanceId(), System.currentTimeMillis(), body));
    }

    private HandMadePeer.Reply signedAs(Node to, String origin, String method, String path, String token, String body) {
        return attacker.sendWith(to, method, path, token, body, attacker.signedHeadersAs(origin, method, path,
                to.instanceId(), System.currentTimeMillis(), body));
    }

    private String post(String group, String title) {
        return attacker.event(group, new EventPayload.PostCreated(title, Optional.empty(), Optional.empty(),
                attacker.agent("agt_mallory"))).toJson().canonical();
    }

    /** a owns the group; b is a real member (admitted by the owner alone when the group is governed). */
    private String sharedBy(Node a, Node b, String consent) throws InterruptedException {
        String group = a.createSyncedHive(a.agent("owner"), "shared", consent);
        if (consent.equals("roster")) {
            b.admittedBy(a, "shared", group);
        } else {
            b.join(a, "shared");
        }
        return group;
    }

    private static void stillSyncs(Node a, Node b, String group, String title) throws InterruptedException {
        assertThat(a.agent("writer").post("/api/v1/hives/shared/posts", "{\"title\":\"" + title + "\"}").status())
                .isEqualTo(201);
        await("b has a's new post", () -> b.eventCount(group) == a.eventCount(group) && b.digest(group).equals(a.digest(group)));
    }

    @ParameterizedTest(name = "consent {0}")
    @ValueSource(strings = {"open", "roster"})
    void aHandshakeQuotingAnotherInstancesIdAndKeyIsRefusedAndCreatesNoPeer(String consent) throws Exception {
        Node a = mesh.node("a", Map.of());
        Node b = mesh.node("b", Map.of());
        String group = sharedBy(a, b, consent);
        String victim = b.instanceId();
        String victimKey = b.wellKnown().string("signing_key");
        // The attacker's own endpoint even claims to be the victim in its /.well-known.
        String claimedEndpoint = attacker.serveWellKnown(victim);
        Map<String, String> peersBefore = a.peerEntries();
        List<String> linksBefore = a.linkedPeers(group);
        List<String> rosterBefore = a.roster(group);
        int plansBefore = a.plans(group).size();
        long eventsBefore = a.eventCount(group);

        List<HandMadePeer.Reply> underTheVictimsOrigin = new ArrayList<>();
        List<HandMadePeer.Reply> victimsKeyUnderOwnOrigin = new ArrayList<>();
        List<HandMadePeer.Reply> namingTheVictim = new ArrayList<>();
        for (String endpoint : Arrays.asList(null, claimedEndpoint)) {
            underTheVictimsOrigin.add(handshakeSignedAs(a, victim, handshakeBody("shared", victim, victimKey, endpoint)));
            victimsKeyUnderOwnOrigin.add(handshakeSignedAs(a, attacker.id,
                    handshakeBody("shared", victim, victimKey, endpoint)));
            namingTheVictim.add(handshakeSignedAs(a, attacker.id,
                    handshakeBody("shared", victim, attacker.publicKeyHex(), endpoint)));
        }
        String events = "/sync/v1/groups/" + group + "/events";
        HandMadePeer.Reply pull = signedAs(a, victim, "GET", events + "?since=0", null, null);
        String push = attacker.pushBody(List.of(post(group, "as the victim")));
        HandMadePeer.Reply pushed = signedAs(a, victim, "POST", events, null, push);

        assertThat(underTheVictimsOrigin).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("signature_invalid");
        });
        assertThat(victimsKeyUnderOwnOrigin).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("signature_invalid");
        });
        assertThat(namingTheVictim).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains("is signed by " + attacker.id + " but names " + victim);
        });
        assertThat(List.of(pull, pushed)).allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
        assertThat(a.peerEntries()).isEqualTo(peersBefore).containsKey(victim).doesNotContainKey(attacker.id);
        assertThat(peersBefore.get(victim)).startsWith(b.base() + "/sync/v1 ");
        assertThat(a.linkedPeers(group)).isEqualTo(linksBefore);
        assertThat(a.roster(group)).isEqualTo(rosterBefore);
        assertThat(a.plans(group)).hasSize(plansBefore);
        assertThat(a.eventCount(group)).isEqualTo(eventsBefore);
        assertThat(attacker.calledBack()).isEmpty();
        stillSyncs(a, b, group, "the victim is unharmed");
    }

    @Test
    void anAttackersLeaveDropsOnlyItselfAndALeaveUnderTheVictimsOriginIsRefused() throws Exception {
        Node a = mesh.node("a", Map.of());
        Node b = mesh.node("b", Map.of());
        String group = sharedBy(a, b, "open");
        List<String> realPeers = a.linkedPeers(group);
        String token = attacker.join(a, "shared");
        String leave = "/sync/v1/groups/" + group + "/leave";

        HandMadePeer.Reply forgedWithOwnToken = signedAs(a, b.instanceId(), "POST", leave, token, "{}");
        HandMadePeer.Reply forgedWithoutToken = signedAs(a, b.instanceId(), "POST", leave, null, "{}");
        List<String> whileForging = a.linkedPeers(group);
        HandMadePeer.Reply own = attacker.send(a, "POST", leave, token, "{}");
        HandMadePeer.Reply pullAfterLeaving = attacker.send(a, "GET", "/sync/v1/groups/" + group + "/events?since=0",
                token, null);

        assertThat(forgedWithOwnToken.status()).isEqualTo(401);
        assertThat(forgedWithOwnToken.code()).isEqualTo("signature_invalid");
        assertThat(forgedWithoutToken.status()).isEqualTo(401);
        assertThat(forgedWithoutToken.code()).isEqualTo("signature_invalid");
        assertThat(whileForging).hasSize(2).containsAll(realPeers);
        assertThat(own.status()).isEqualTo(200);
        assertThat(pullAfterLeaving.status()).as("a client that left its only group is forgotten, token and all")
                .isEqualTo(401);
        assertThat(pullAfterLeaving.code()).isEqualTo("unauthenticated");
        assertThat(a.linkedPeers(group)).isEqualTo(realPeers);
        stillSyncs(a, b, group, "after the attacker left");
    }

    @Test
    void aRosterSentToAMemberByANonOwnerOrAsTheOwnerChangesNothing() throws Exception {
        Node a = mesh.node("a", Map.of());
        Node b = mesh.node("b", Map.of());
        String group = sharedBy(a, b, "roster");
        // The attacker becomes a roster member the honest way: both members approve its plan.
        assertThat(attacker.handshake(a, "shared", null).code()).isEqualTo("approval_pending");
        await("the plan reached b", () -> b.planFor(group, attacker.id) != null);
        a.approve(a.planFor(group, attacker.id));
        b.approve(b.planFor(group, attacker.id));
        await("the attacker admitted by a", () -> attacker.handshake(a, "shared", null).status() == 200);
        await("b knows the new roster", () -> b.roster(group).contains(attacker.id));
        HandMadePeer.Reply atB = attacker.handshake(b, "shared", null);
        assertThat(atB.status()).isEqualTo(200);
        String token = atB.json().string("sync_token");
        List<String> rosterBefore = b.roster(group);
        String roster = "/sync/v1/groups/" + group + "/roster";
        String onlyMe = "{\"members\":[\"" + attacker.id + "\"]}";

        HandMadePeer.Reply fromANonOwner = attacker.send(b, "POST", roster, token, onlyMe);
        HandMadePeer.Reply asTheOwner = signedAs(b, a.instanceId(), "POST", roster, token, onlyMe);

        assertThat(fromANonOwner.status()).isEqualTo(403);
        assertThat(fromANonOwner.body()).contains("only the owner");
        assertThat(asTheOwner.status()).isEqualTo(401);
        assertThat(asTheOwner.code()).isEqualTo("signature_invalid");
        assertThat(b.roster(group)).isEqualTo(rosterBefore).hasSize(3);
        assertThat(a.roster(group)).isEqualTo(rosterBefore);
    }

    @Test
    void aHandshakeSentToAnAliasOfItsPathIsCheckedAndRateLimitedLikeAHandshake() throws Exception {
        Node a = mesh.node("a", Map.of("handshake_rate", "3"));
        a.createSyncedHive("shared");
        attacker.join(a, "shared");
        Map<String, String> before = a.peerEntries();
        String otherKey = HexFormat.of().formatHex(attacker.ed25519.generate().publicKey());
        String alias = HANDSHAKE + "/";

        HandMadePeer.Reply anotherKey = attacker.send(a, "POST", alias, null,
                handshakeBody("shared", attacker.id, otherKey, null));
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            again.add(attacker.send(a, "POST", alias, null, handshakeBody("shared", attacker.id,
                    attacker.publicKeyHex(), null)).status());
        }

        assertThat(anotherKey.status()).isEqualTo(401);
        assertThat(anotherKey.code()).isEqualTo("signature_invalid");
        assertThat(a.peerEntries()).isEqualTo(before);
        // One handshake, one refused alias, then a single permit left of three.
        assertThat(again).containsExactly(200, 429, 429);
    }

    @Test
    void replayedExpiredMisdirectedUnsignedAndBentRequestsAreRefusedAndStoreNothing() throws Exception {
        Node a = mesh.node("a", Map.of());
        String group = a.createSyncedHive("shared");
        String token = attacker.join(a, "shared");
        String events = "/sync/v1/groups/" + group + "/events";
        String destination = a.instanceId();
        long before = a.eventCount(group);
        long now = System.currentTimeMillis();

        String first = attacker.pushBody(List.of(post(group, "once")));
        Map<String, String> signed = attacker.signedHeaders("POST", events, destination, now, first);
        HandMadePeer.Reply original = attacker.sendWith(a, "POST", events, token, first, signed);
        HandMadePeer.Reply replayed = attacker.sendWith(a, "POST", events, token, first, signed);

        String late = attacker.pushBody(List.of(post(group, "late")));
        HandMadePeer.Reply expired = attacker.sendWith(a, "POST", events, token, late,
                attacker.signedHeaders("POST", events, destination, now - 600_000, late));
        HandMadePeer.Reply fromTheFuture = attacker.sendWith(a, "POST", events, token, late,
                attacker.signedHeaders("POST", events, destination, now + 600_000, late));
        HandMadePeer.Reply misdirected = attacker.sendWith(a, "POST", events, token, late,
                attacker.signedHeaders("POST", events, attacker.id, now, late));
        List<HandMadePeer.Reply> unsigned = new ArrayList<>();
        unsigned.add(attacker.sendWith(a, "POST", events, token, late, Map.of()));
        for (String missing : attacker.signedHeaders("POST", events, destination, now, late).keySet()) {
            Map<String, String> partial = new LinkedHashMap<>(attacker.signedHeaders("POST", events, destination,
                    System.currentTimeMillis(), late));
            partial.remove(missing);
            unsigned.add(attacker.sendWith(a, "POST", events, token, late, partial));
        }
        String other = attacker.pushBody(List.of(post(group, "swapped in")));
        HandMadePeer.Reply otherBody = attacker.sendWith(a, "POST", events, token, other,
                attacker.signedHeaders("POST", events, destination, System.currentTimeMillis(), late));
        HandMadePeer.Reply otherPath = attacker.sendWith(a, "POST", events, token, late,
                attacker.signedHeaders("POST", "/sync/v1/groups/" + group + "/leave", destination,
                        System.currentTimeMillis(), late));
        try (HandMadePeer thief = new HandMadePeer()) {
            thief.join(a, "shared");
            HandMadePeer.Reply stolenToken = thief.push(a, group, token, List.of(thief.event(group,
                    new EventPayload.PostCreated("with a stolen token", Optional.empty(), Optional.empty(),
                            thief.agent("agt_thief")))));

            assertThat(stolenToken.status()).isEqualTo(401);
            assertThat(stolenToken.body()).contains("not issued to " + thief.id);
        }

        assertThat(original.status()).isEqualTo(200);
        assertThat(original.json().number("accepted")).isEqualTo(1);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.code()).isEqualTo("request_replayed");
        assertThat(List.of(expired, fromTheFuture)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("request_expired");
        });
        assertThat(misdirected.status()).isEqualTo(401);
        assertThat(misdirected.code()).isEqualTo("wrong_destination");
        assertThat(unsigned).hasSize(5).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("signature_required");
        });
        assertThat(List.of(otherBody, otherPath)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("signature_invalid");
        });
        assertThat(a.eventCount(group)).isEqualTo(before + 1);
        assertThat(a.quarantined(group)).isZero();
    }

    @Test
    void aSignedRequestTakenBeforeARestartIsRefusedWhenReplayedAfterIt() throws Exception {
        Node a = mesh.node("a", Map.of());
        String group = a.createSyncedHive("shared");
        try (HandMadePeer honest = new HandMadePeer()) {
            String token = honest.join(a, "shared");
            String leave = "/sync/v1/groups/" + group + "/leave";
            // What an eavesdropper keeps of the honest peer's leave, before the peer comes back.
            Map<String, String> captured = honest.signedHeaders("POST", leave, a.instanceId(), System.currentTimeMillis(),
                    "{}");
            assertThat(honest.sendWith(a, "POST", leave, token, "{}", captured).status()).isEqualTo(200);
            String renewed = honest.join(a, "shared");
            List<String> linked = a.linkedPeers(group);
            a.stop();
            a.start();

            HandMadePeer.Reply replayed = attacker.sendWith(a, "POST", leave, token, "{}", captured);

            assertThat(replayed.status()).isEqualTo(401);
            assertThat(replayed.code()).isEqualTo("request_expired");
            assertThat(a.linkedPeers(group)).isEqualTo(linked).hasSize(1);
            assertThat(honest.send(a, "GET", "/sync/v1/groups/" + group + "/events?since=0", renewed, null).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void executeNeedsTheAdminsGrantAndAWithdrawnGrantStopsAnOpenExecuteSession() throws Exception {
        Node a = mesh.node("a", Map.of());
        String group = a.createSyncedHive(a.agent("owner"), "shared", "roster");
        assertThat(attacker.handshake(a, "shared", null).code()).isEqualTo("approval_pending");
        String approve = "/api/v1/sync/merge-plans/" + a.planFor(group, attacker.id).string("plan_id") + "/approve";
        Client approver = a.agent("approver");
        String grant = "/api/v1/agents/" + approver.agentId();

        Client.Reply notGranted = approver.openSession(approver.apiKey(), "execute");
        Client.Reply granted = a.adminCall("PATCH", grant, "{\"may_execute\":true}");
        Client.Reply opened = approver.openSession(approver.apiKey(), "execute");
        String execute = opened.json().string("token");
        a.adminCall("PATCH", grant, "{\"may_execute\":false}");
        Client.Reply afterWithdrawal = approver.send("POST", approve, execute, null);
        String statusAfterWithdrawal = a.planFor(group, attacker.id).string("status");
        int stillPending = attacker.handshake(a, "shared", null).status();
        a.adminCall("PATCH", grant, "{\"may_execute\":true}");
        Client.Reply regranted = approver.send("POST", approve, execute, null);

        assertThat(notGranted.status()).isEqualTo(403);
        assertThat(notGranted.code()).isEqualTo("execute_not_granted");
        assertThat(granted.json().required("may_execute")).isEqualTo(JsonValue.TRUE);
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.json().string("scope")).isEqualTo("execute");
        assertThat(afterWithdrawal.status()).isEqualTo(403);
        assertThat(afterWithdrawal.body()).contains("'execute' is required");
        assertThat(statusAfterWithdrawal).isEqualTo("pending");
        assertThat(stillPending).isEqualTo(409);
        assertThat(regranted.status()).isEqualTo(200);
        assertThat(regranted.json().string("status")).isEqualTo("approved");
        assertThat(attacker.handshake(a, "shared", null).status()).isEqualTo(200);
    }
}
