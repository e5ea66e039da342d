package org.hivemesh.application.consent.port.in;

import java.util.List;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;

/** The roster of a governed group, as its owner sends it to the members over /sync/v1. */
public interface RosterProtocolUseCase {
    /** Taken from the group's owner only. */
    void receiveRoster(PeerRecord from, String groupId, List<String> activeMembers);
}
