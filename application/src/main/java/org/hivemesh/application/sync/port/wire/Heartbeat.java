package org.hivemesh.application.sync.port.wire;

import java.util.List;
import java.util.Map;
import org.hivemesh.domain.peer.KnownPeer;

/** {@code POST /sync/v1/heartbeat}, both ways: liveness, how far each shared group has got, gossip about peers. */
public record Heartbeat(String instanceId, Map<String, Long> seqByGroup, List<KnownPeer> knownPeers) {
    public Heartbeat {
        seqByGroup = Map.copyOf(seqByGroup);
        knownPeers = List.copyOf(knownPeers);
    }
}
