package org.hivemesh.application.sync.port.in;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.peer.PeerCursor;

/** Peers (admin token): joining through one, standing peers, testing them. */
public interface SyncPeersUseCase {
    /**
     * Handshakes with the peer at {@code peerEndpoint} for {@code hiveName}, creating the hive here if needed. Without
     * an endpoint the hive is looked for through the hub and joined as peers are found; the result is then empty.
     */
    Optional<GroupStatus> join(JoinCommand command);

    PeerRecord addPeer(AddPeerCommand command);

    List<PeerRecord> peers();

    Optional<PeerRecord> peerByEndpoint(String syncEndpoint);

    /** How far this instance has got with the peer, per shared group. */
    Map<String, PeerCursor> cursors(String peerId);

    PeerRecord updatePeer(String peerId, UpdatePeerCommand command);

    void deletePeer(String peerId);

    PeerTest testPeer(String peerId);

    record JoinCommand(String peerEndpoint, String hiveName) {
    }

    /** {@code discoveredVia}: who asked for this peer, e.g. {@code admin} or {@code config}. */
    record AddPeerCommand(String name, String syncEndpoint, List<String> sharedHives, String discoveredVia) {
    }

    record UpdatePeerCommand(Optional<String> name, Optional<String> syncEndpoint, Optional<List<String>> sharedHives) {
    }

    record PeerTest(boolean reachable, long millis, Optional<String> remoteInstanceId, Optional<String> error) {
    }
}
