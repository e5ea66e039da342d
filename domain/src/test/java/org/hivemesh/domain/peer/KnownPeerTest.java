package org.hivemesh.domain.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.Test;

class KnownPeerTest {
    @Test
    void aGossipedPeerSurvivesTheWire() {
        KnownPeer peer = new KnownPeer("http://10.0.0.2:7070", "lab", List.of("ml", "ops"), "ab12", 2);
        JsonObject heartbeat = JsonObject.builder().putArray("known_peers", List.of(peer.toJson())).build();

        assertThat(KnownPeer.listFrom(Json.parseObject(heartbeat.canonical()))).containsExactly(peer);
    }

    @Test
    void unreadableEntriesAreDroppedAndTheRestKept() {
        JsonObject heartbeat = Json.parseObject("{\"known_peers\":[7,{\"sync_endpoint\":\"http://x\"},"
                + "{\"sync_endpoint\":\"http://y\",\"shared_hives\":[\"ml\"],\"signing_key\":\"cd\",\"ttl\":1}]}");

        assertThat(KnownPeer.listFrom(heartbeat))
                .containsExactly(new KnownPeer("http://y", "peer", List.of("ml"), "cd", 1));
        assertThat(KnownPeer.listFrom(JsonObject.builder().put("known_peers", JsonValue.of("none")).build())).isEmpty();
    }
}
