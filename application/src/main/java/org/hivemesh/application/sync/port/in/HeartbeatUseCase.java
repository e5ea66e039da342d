package org.hivemesh.application.sync.port.in;

import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.Heartbeat;

/** Liveness and how far each shared group has got, both ways, with gossip about other peers. */
public interface HeartbeatUseCase {
    Heartbeat receive(PeerRecord peer, Heartbeat beat);

    void sendTo(String peerId);
}
