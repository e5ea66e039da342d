package org.hivemesh.application.sync.port.out;

import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;

/** Before each round with a member: the owner of a governed group hands on the roster the member has not got yet. */
public interface RosterDelivery {
    void beforeRound(PeerRecord member, String groupId);
}
