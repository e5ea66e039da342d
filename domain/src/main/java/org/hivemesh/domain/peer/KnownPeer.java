package org.hivemesh.domain.peer;

import java.util.List;

/** A peer as gossiped on a heartbeat: where it is, which hives it shares, its key (a hint only) and the TTL. */
public record KnownPeer(String syncEndpoint, String name, List<String> sharedHives, String signingKey, int ttl) {
    public KnownPeer {
        sharedHives = List.copyOf(sharedHives);
    }
}
