package org.hivemesh.application.sync.port.out;

import java.util.List;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.peer.KnownPeer;

/** Gossip carried on heartbeats (discovery decides what to tell and what to learn). */
public interface PeerGossip {
    List<KnownPeer> forPeer(PeerRecord recipient);

    void learn(PeerRecord from, List<KnownPeer> gossip);

    /** A peer learned by gossip that keeps failing is forgotten instead of retried. */
    boolean shouldForget(PeerRecord failing);
}
