package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hivemesh.bootstrap.wiring.Mesh.await;

import com.sun.net.httpserver.HttpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or broken peer can make an instance hold, and for how long: clocks far ahead, junk floods,
 * handshake floods, held events, sessions, login guesses, endpoints that are not the caller, expiring tokens and
 * the network allowlist. Every bound is set small here, and what lies beyond it is refused or only counted.
 */
class BoundsIT {
    private final Mesh mesh = new Mesh();
    private final HandMadePeer peer = new HandMadePeer();
    private final List<HandMadePeer> strangers = new ArrayList<>();

    @AfterEach
    void stopAll() {
        mesh.close();
        peer.close();
        strangers.forEach(HandMadePeer::close);
    }

    private HandMadePeer stranger() {
        HandMadePeer stranger = new HandMadePeer();
        strangers.add(stranger);
        return stranger;
    }

    private static Event post(HandMadePeer from, String group, long wallMillis, String title) {
        return from.event(group, new Hlc(wallMillis, 0), new EventPayload.PostCreated(title, Optional.empty(),
                Optional.empty(), from.agent("agt_remote")));
    }

    private static long deferred(Node node, String group) {
        return (long) node.group(group).number("deferred");
    }

    @Test
    void anEventTooFarAheadIsDeferredNotStoredNorQuarantinedAndStoredByItselfOnceDue() throws Exception {
        Node a = mesh.node("a", Map.of("max_clock_ahead", "2s"));
        String group = a.createSyncedHive("ahead");
        String token = peer.join(a, "ahead");
        long before = a.eventCount(group);
        Event ahead = post(peer, group, System.currentTimeMillis() + 5_000, "from five seconds ahead");

        JsonObject reply = peer.push(a, group, token, List.of(ahead)).json();
        String logWhileHeld = a.adminCall("GET", "/api/v1/sync/groups/" + group + "/events?since=0", null).body();

        assertThat(reply.number("deferred")).isEqualTo(1);
        assertThat(reply.number("accepted")).isZero();
        assertThat(reply.number("quarantined")).isZero();
        assertThat(logWhileHeld).doesNotContain(ahead.id().value());
        assertThat(a.eventCount(group)).isEqualTo(before);
        assertThat(a.quarantined(group)).isZero();
        assertThat(deferred(a, group)).isEqualTo(1);
        await("the held event is stored once due", Duration.ofSeconds(10), () -> a.eventCount(group) == before + 1);
        assertThat(deferred(a, group)).isZero();
        assertThat(a.quarantined(group)).isZero();
        assertThat(a.agent("reader").get("/api/v1/hives/ahead/feed").body()).contains("from five seconds ahead");
    }

    @Test
    void anEventAtTheEndOfTimeIsHeldAndLocalWritesKeepWorkingAcrossARestart() throws Exception {
        Map<String, String> settings = Map.of("max_clock_ahead", "2s");
        Node a = mesh.node("a", settings);
        String group = a.createSyncedHive("ahead");
        String token = peer.join(a, "ahead");
        Event endOfTime = post(peer, group, 9_999_999_999_999L, "from the end of time");

        JsonObject reply = peer.push(a, group, token, List.of(endOfTime)).json();
        Client.Reply before = a.agent("writer").post("/api/v1/hives/ahead/posts", "{\"title\":\"right after\"}");
        a.stop();
        a.start(settings);
        Client.Reply after = a.agent("writer").post("/api/v1/hives/ahead/posts", "{\"title\":\"after a restart\"}");

        assertThat(reply.number("deferred")).isEqualTo(1);
        assertThat(List.of(before, after)).allSatisfy(write -> {
            assertThat(write.status()).isEqualTo(201);
            // The local clock was not dragged along: the write is stamped now, not at the end of time.
            assertThat(Hlc.parse(write.json().string("created_hlc")).wallMillis())
                    .isLessThan(System.currentTimeMillis() + 60_000);
        });
        assertThat(deferred(a, group)).isEqualTo(1);
        assertThat(a.quarantined(group)).isZero();
    }

    @Test
    void aFloodOfJunkEventsIsCountedButKeepsAtMostTwentyReasonsPerPeerAndNoBodies() throws Exception {
        Node a = mesh.node("a", Map.of("inbound_rate", "1000"));
        String group = a.createSyncedHive("flooded");
        String token = peer.join(a, "flooded");
        long before = a.eventCount(group);
        String digest = a.digest(group);

        List<Integer> quarantinedPerBatch = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            List<Event> junk = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                junk.add(peer.forged(group, new EventPayload.PostCreated("junk-body-" + batch + "-" + i,
                        Optional.empty(), Optional.empty(), peer.agent("agt_remote"))));
            }
            quarantinedPerBatch.add((int) peer.push(a, group, token, junk).json().number("quarantined"));
        }

        JsonObject status = a.group(group);
        List<SyncStore.QuarantinedEvent> kept = a.service(SyncStore.class).quarantined(group, 1_000);
        assertThat(quarantinedPerBatch).containsExactly(100, 100, 100);
        assertThat(a.quarantined(group)).isEqualTo(300);
        assertThat(Node.array(status, "recent_quarantine").items()).hasSizeBetween(1, 20);
        assertThat(kept).hasSize(20).allSatisfy(q -> assertThat(q.reason()).contains("signature does not verify"));
        assertThat(status.toString()).doesNotContain("junk-body");
        assertThat(kept.toString()).doesNotContain("junk-body");
        assertThat(a.eventCount(group)).isEqualTo(before);
        assertThat(a.digest(group)).isEqualTo(digest);
    }

    @Test
    void aHandshakeFloodOfFreshKeysIsCutByTheRateAndThePeersPerGroupCap() throws Exception {
        Node a = mesh.node("a", Map.of("handshake_rate", "8", "max_peers_per_group", "5"));
        String group = a.createSyncedHive("open");

        List<HandMadePeer.Reply> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            replies.add(stranger().handshake(a, "open", null));
        }

        assertThat(replies.subList(0, 5)).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(replies.subList(5, 8)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains("max_peers_per_group");
        });
        assertThat(replies.subList(8, 12)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.code()).isEqualTo("rate_limited");
            assertThat(r.header("Retry-After")).isPresent();
        });
        assertThat(a.peerEntries()).hasSize(5);
        assertThat(a.linkedPeers(group)).hasSize(5);
    }

    @Test
    void aHandshakeFloodIntoAGovernedGroupOpensAtMostMaxPeersPerGroupJoinPlans() throws Exception {
        Node a = mesh.node("a", Map.of("max_peers_per_group", "3"));
        String group = a.createSyncedHive(a.agent("owner"), "board", "roster");

        List<HandMadePeer.Reply> replies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            replies.add(stranger().handshake(a, "board", null));
        }

        assertThat(replies.subList(0, 3)).allSatisfy(r -> assertThat(r.code()).isEqualTo("approval_pending"));
        assertThat(replies.subList(3, 6)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains("max_peers_per_group");
        });
        assertThat(a.plans(group)).hasSize(3);
        assertThat(Node.array(a.adminCall("GET", "/api/v1/sync/groups/" + group + "/roster", null).json(), "data")
                .items()).hasSize(4);
        assertThat(a.peerEntries()).isEmpty();
    }

    @Test
    void heldEventsAreCappedPerPeerAndTheExcessIsQuarantined() throws Exception {
        Node a = mesh.node("a", Map.of("max_clock_ahead", "2s", "max_deferred_per_peer", "3"));
        String group = a.createSyncedHive("held");
        String token = peer.join(a, "held");
        HandMadePeer other = stranger();
        String otherToken = other.join(a, "held");
        long before = a.eventCount(group);
        long later = System.currentTimeMillis() + 60_000;
        List<Event> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(post(peer, group, later + i, "held " + i));
        }

        JsonObject first = peer.push(a, group, token, five).json();
        JsonObject more = peer.push(a, group, token, List.of(post(peer, group, later + 10, "one more"))).json();
        JsonObject again = peer.push(a, group, token, five.subList(0, 3)).json();
        JsonObject fromAnother = other.push(a, group, otherToken, List.of(post(other, group, later, "its own"))).json();

        assertThat(first.number("deferred")).isEqualTo(3);
        assertThat(first.number("quarantined")).isEqualTo(2);
        assertThat(more.number("deferred")).isZero();
        assertThat(more.number("quarantined")).isEqualTo(1);
        assertThat(again.number("deferred")).isEqualTo(3);
        assertThat(again.number("quarantined")).isZero();
        assertThat(fromAnother.number("deferred")).isEqualTo(1);
        assertThat(deferred(a, group)).isEqualTo(4);
        assertThat(a.quarantined(group)).isEqualTo(3);
        assertThat(a.group(group).toString()).contains("too far ahead");
        assertThat(a.eventCount(group)).isEqualTo(before);
    }

    @Test
    void anAgentHoldsAtMostMaxSessionsPerAgentLiveSessions() throws Exception {
        Node a = mesh.node("a", Map.of("max_sessions_per_agent", "3"));
        Client agent = a.agent("busy");

        List<Client.Reply> more = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            more.add(agent.openSession(agent.apiKey(), "read"));
        }

        assertThat(more.subList(0, 2)).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
        assertThat(more.get(2).status()).isEqualTo(429);
        assertThat(more.get(2).code()).isEqualTo("too_many_sessions");
        assertThat(agent.get("/api/v1/hives").status()).isEqualTo(200);
    }

    @Test
    void wrongApiKeysFromOneSourceAreThrottledAndThenEvenTheRightKeyWaits() throws Exception {
        Node a = mesh.node("a", Map.of("login_failures", "3"));
        Client agent = a.agent("guessed");

        List<Client.Reply> guesses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            guesses.add(agent.openSession("hmk_guess" + i, "read-write"));
        }
        Client.Reply rightKey = agent.openSession(agent.apiKey(), "read-write");

        assertThat(guesses.subList(0, 3)).allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
        assertThat(List.of(guesses.get(3), rightKey)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.code()).isEqualTo("too_many_attempts");
            assertThat(r.header("Retry-After")).isPresent();
        });
        assertThat(agent.get("/api/v1/hives").status()).isEqualTo(200);
    }

    @Test
    void aHandshakeAnnouncingAnEndpointThatIsNotTheCallerIsRefusedAndCreatesNoPeer() throws Exception {
        Node a = mesh.node("a", Map.of());
        Node b = mesh.node("b", Map.of());
        String group = a.createSyncedHive("open");
        HttpServer web = HandMadePeer.webServer();
        try {
            List<String> endpoints = List.of("http://127.0.0.1:" + Node.freePort() + "/sync/v1", b.base() + "/sync/v1",
                    stranger().serveWellKnown(b.instanceId()), "http://127.0.0.1:" + web.getAddress().getPort());

            List<HandMadePeer.Reply> replies = endpoints.stream().map(e -> peer.handshake(a, "open", e)).toList();

            assertThat(replies).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(400);
                assertThat(r.body()).contains("sync_endpoint");
            });
            assertThat(replies.get(1).body()).contains("answers as " + b.instanceId());
            assertThat(replies.get(2).body()).contains("answers as " + b.instanceId());
            assertThat(a.peerEntries()).isEmpty();
            assertThat(a.linkedPeers(group)).isEmpty();
            assertThat(b.peerEntries()).isEmpty();
        } finally {
            web.stop(0);
        }
    }

    @Test
    void anExpiredSyncTokenIsRefusedAndANewSignedHandshakeIssuesAWorkingOne() throws Exception {
        Node a = mesh.node("a", Map.of("sync_token_ttl", "2s"));
        String group = a.createSyncedHive("brief");
        String token = peer.join(a, "brief");
        String pull = "/sync/v1/groups/" + group + "/events?since=0";
        int fresh = peer.send(a, "GET", pull, token, null).status();

        await("the token expires", Duration.ofSeconds(6), () -> peer.send(a, "GET", pull, token, null).status() == 401);
        HandMadePeer.Reply expired = peer.send(a, "GET", pull, token, null);
        String renewed = peer.join(a, "brief");

        assertThat(fresh).isEqualTo(200);
        assertThat(expired.code()).isEqualTo("token_expired");
        assertThat(renewed).isNotEqualTo(token);
        assertThat(peer.send(a, "GET", pull, renewed, null).status()).isEqualTo(200);
        assertThat(peer.send(a, "GET", pull, token, null).code()).isEqualTo("token_expired");
        assertThat(a.peerEntries()).hasSize(1);
    }

    @Test
    void outsideTheAllowedNetworksSyncRequestsAreRefusedWhileTheApiStillWorks() throws Exception {
        Node a = mesh.node("a", Map.of("sync_allow_cidrs", "10.0.0.0/8"));
        String group = a.createSyncedHive("walled");

        HandMadePeer.Reply handshake = peer.handshake(a, "walled", null);
        HandMadePeer.Reply pull = peer.send(a, "GET", "/sync/v1/groups/" + group + "/events?since=0", "hst_any", null);
        // The source is the connection's address: a forwarding header naming an allowed one changes nothing.
        String body = HandMadePeer.handshakeBody("walled", peer.id, peer.publicKeyHex(), null);
        Map<String, String> headers = new HashMap<>(peer.signedHeaders("POST", "/sync/v1/handshake",
                a.instanceId(), System.currentTimeMillis(), body));
        headers.put("X-Forwarded-For", "10.1.2.3");
        HandMadePeer.Reply forwarded = peer.sendWith(a, "POST", "/sync/v1/handshake", null, body, headers);

        assertThat(List.of(handshake, pull, forwarded)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("source_not_allowed");
        });
        assertThat(a.adminCall("GET", "/api/v1/sync/status", null).status()).isEqualTo(200);
        assertThat(a.agent("local").post("/api/v1/hives/walled/posts", "{\"title\":\"still here\"}").status())
                .isEqualTo(201);
        assertThat(a.peerEntries()).isEmpty();
    }
}
