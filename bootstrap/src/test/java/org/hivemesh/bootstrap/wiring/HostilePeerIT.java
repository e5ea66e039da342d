package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hivemesh.adapters.peers.crypto.Ed25519Signatures;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.event.UnsignedEvent;
import org.hivemesh.domain.peer.InstanceIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A hand-driven peer sends what a broken or malicious instance might: it is refused or quarantined, never stored. */
class HostilePeerIT {
    private static final HexFormat HEX = HexFormat.of();
    private final HandMadePeer peer = new HandMadePeer();
    private final Ed25519Signatures ed25519 = peer.ed25519;
    private final Signatures.KeyPair keys = peer.keys;
    private final String me = peer.id;
    private Node a;
    private String group;
    private String token;
    private long hlc = System.currentTimeMillis();

    @BeforeEach
    void joinAsAPeer() throws Exception {
        a = new Node("a").start(Map.of("inbound_rate", "1000"));
        group = a.createSyncedHive("guarded");
        HandMadePeer.Reply handshake = peer.handshake(a, "guarded", peer.serveWellKnown());
        assertThat(handshake.status()).isEqualTo(200);
        token = handshake.json().string("sync_token");
        assertThat(handshake.json().string("sync_group_id")).isEqualTo(group);
    }

    @AfterEach
    void stop() {
        a.stop();
        peer.close();
    }

    private Event event(String title, byte[] signingKey, String origin, String inGroup) {
        UnsignedEvent body = new UnsignedEvent(inGroup, origin, new Hlc(hlc++, 0), new EventPayload.PostCreated(title,
                Optional.empty(), Optional.empty(), new AgentRef(origin, "agt_remote", "remote")));
        return body.signedWith(HEX.formatHex(ed25519.sign(signingKey, body.canonicalBytes())));
    }

    private Event event(String title) {
        return event(title, keys.privateKey(), me, group);
    }

    private HandMadePeer.Reply push(String toGroup, String bearer, List<String> events) {
        return peer.pushWire(a, toGroup, bearer, events);
    }

    private static List<String> wire(Event... events) {
        return java.util.Arrays.stream(events).map(e -> e.toJson().canonical()).collect(Collectors.toList());
    }

    @Test
    void aReplayedBatchIsStoredOnce() {
        long before = a.eventCount(group);
        List<String> batch = wire(event("one"), event("two"));

        JsonObject first = push(group, token, batch).json();
        JsonObject replay = push(group, token, batch).json();

        assertThat(first.number("accepted")).isEqualTo(2);
        assertThat(replay.number("accepted")).isZero();
        assertThat(replay.number("duplicate")).isEqualTo(2);
        assertThat(a.eventCount(group)).isEqualTo(before + 2);
    }

    @Test
    void forgedSignaturesAlteredPayloadsForeignGroupsAndUnknownOriginsAreQuarantinedWithoutBlockingTheRest() {
        long before = a.eventCount(group);
        Signatures.KeyPair other = ed25519.generate();
        Event forged = event("forged", other.privateKey(), me, group);
        String altered = event("original").toJson().canonical().replace("\"original\"", "\"altered\"");
        Event foreignGroup = event("elsewhere", keys.privateKey(), me, "grp_someotherplace");
        Event unknownOrigin = event("stranger", other.privateKey(), InstanceIds.fromPublicKey(other.publicKey()), group);
        Event good = event("good");

        List<String> batch = new java.util.ArrayList<>(wire(forged));
        batch.add(altered);
        batch.addAll(wire(foreignGroup, unknownOrigin, good));
        JsonObject reply = push(group, token, batch).json();

        assertThat(reply.number("accepted")).isEqualTo(1);
        assertThat(reply.number("quarantined")).isEqualTo(4);
        assertThat(a.eventCount(group)).isEqualTo(before + 1);
        assertThat(a.quarantined(group)).isEqualTo(4);
        String reasons = a.group(group).toString();
        assertThat(reasons).contains("signature does not verify", "does not match its content", "belongs to group",
                "no signing key");
    }

    @Test
    void wrongTokensUnknownGroupsAndGroupsThePeerIsNotInAreRefused() {
        long before = a.eventCount(group);
        String otherGroup = a.createSyncedHive("private");

        HandMadePeer.Reply noToken = push(group, null, wire(event("x")));
        HandMadePeer.Reply wrongToken = push(group, "hst_wrong", wire(event("x")));
        HandMadePeer.Reply unknownGroup = push("grp_nosuchgroup", token, wire(event("x")));
        HandMadePeer.Reply notMember = push(otherGroup, token, wire(event("x", keys.privateKey(), me, otherGroup)));
        HandMadePeer.Reply malformed = peer.send(a, "POST", "/sync/v1/groups/" + group + "/events", token, "{\"events\":5}");

        assertThat(noToken.status()).isEqualTo(401);
        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(unknownGroup.status()).isEqualTo(404);
        assertThat(notMember.status()).isEqualTo(403);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(a.eventCount(group)).isEqualTo(before);
        assertThat(a.eventCount(otherGroup)).isEqualTo(2);
    }

    @Test
    void aHandshakeWhoseInstanceIdDoesNotDeriveFromItsKeyIsRefused() {
        String body = HandMadePeer.handshakeBody("guarded", "inst_00000000000000000000", peer.publicKeyHex(), null);
        HandMadePeer.Reply reply = peer.sendWith(a, "POST", "/sync/v1/handshake", null, body,
                peer.signedHeadersAs("inst_00000000000000000000", "POST", "/sync/v1/handshake", HandMadePeer.instanceOf(a),
                        System.currentTimeMillis(), body));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("signature_invalid");
    }

    @Test
    void pullingServesPagesWithTheKeysOfTheirOriginsAndSkipsWhatThePullerWrote() {
        push(group, token, wire(event("p1"), event("p2"), event("p3")));

        JsonObject first = peer.send(a, "GET", "/sync/v1/groups/" + group + "/events?since=0&limit=2", token, null).json();
        long cursor = (long) first.number("next_seq");
        JsonObject own = peer.send(a, "GET", "/sync/v1/groups/" + group + "/events?since=" + cursor + "&limit=10",
                token, null).json();
        a.agent("late").post("/api/v1/hives/guarded/posts", "{\"title\":\"after\"}");
        JsonObject after = peer.send(a, "GET", "/sync/v1/groups/" + group + "/events?since="
                + (long) own.number("next_seq") + "&limit=10", token, null).json();

        String owner = a.group(group).string("owner_instance_id");
        assertThat(Node.array(first, "events").items()).hasSize(2);
        assertThat(first.required("has_more").toString()).contains("true");
        assertThat(first.object("keys").members()).containsOnlyKeys(owner);
        assertThat(Node.array(own, "events").items()).isEmpty();
        assertThat((long) own.number("next_seq")).isEqualTo(cursor + 3);
        assertThat(Node.array(after, "events").items()).hasSize(1);
        assertThat(after.object("keys").members()).containsOnlyKeys(owner);
    }

    @Test
    void aPeerOverItsRateGets429WithRetryAfter() throws Exception {
        a.stop();
        a.start(Map.of("inbound_rate", "3"));
        int limited = 0;
        for (int i = 0; i < 10; i++) {
            if (peer.send(a, "GET", "/sync/v1/groups/" + group + "/events?since=0&limit=1", token, null).status() == 429) {
                limited++;
            }
        }
        assertThat(limited).isGreaterThan(0);
    }
}
