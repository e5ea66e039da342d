package org.hivemesh.application.consent.port.in;

import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.RosterMessage;

/** The roster of a governed group, as its owner sends it to the members over /sync/v1. */
public interface RosterProtocolUseCase {
    /** Taken from the group's owner only, with the group's oversight policy when the owner sends it. */
    void receiveRoster(PeerRecord from, String groupId, RosterMessage roster);
}
