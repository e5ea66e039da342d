package org.hivemesh.domain.peer;

import java.util.ArrayList;
import java.util.List;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** A peer as gossiped on a heartbeat: where it is, which hives it shares, its key (a hint only) and the TTL. */
public record KnownPeer(String syncEndpoint, String name, List<String> sharedHives, String signingKey, int ttl) {
    public KnownPeer {
        sharedHives = List.copyOf(sharedHives);
    }

    /** The wire form, one entry of a heartbeat's {@code known_peers}. */
    public JsonObject toJson() {
        return JsonObject.builder().put("sync_endpoint", syncEndpoint).put("name", name)
                .putArray("shared_hives", sharedHives.stream().map(JsonValue::of).toList())
                .put("signing_key", signingKey).put("ttl", ttl).build();
    }

    /** The {@code known_peers} of a heartbeat; entries that cannot be read are dropped, as gossip is only a hint. */
    public static List<KnownPeer> listFrom(JsonObject heartbeat) {
        List<KnownPeer> peers = new ArrayList<>();
        if (heartbeat.get("known_peers").orElse(null) instanceof JsonValue.JsonArray list) {
            for (JsonValue item : list.items()) {
                try {
                    JsonObject k = (JsonObject) item;
                    List<String> hives = ((JsonValue.JsonArray) k.required("shared_hives")).items().stream()
                            .map(h -> ((JsonValue.JsonString) h).value()).toList();
                    peers.add(new KnownPeer(k.string("sync_endpoint"), k.optionalString("name").orElse("peer"), hives,
                            k.string("signing_key"), (int) k.number("ttl")));
                } catch (RuntimeException unreadable) {
                    // an unreadable entry is skipped; the rest of the gossip still counts
                }
            }
        }
        return peers;
    }
}
