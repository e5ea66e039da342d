package org.hivemesh.application.consent.port.in;

import java.util.List;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** What members of a governed group send each other over /sync/v1; {@code from} is the proven caller. */
public interface ConsentProtocolUseCases {
    /** A merge plan proposed by the owner of a governed group this instance is on the roster of. */
    void receiveProposal(PeerRecord from, String groupId, JsonObject proposal);

    /** The roster of a governed group, from its owner and only from it. */
    void receiveRoster(PeerRecord from, String groupId, List<String> members);

    /** A roster member's signed answer to a plan of a group this instance owns. */
    void receiveApproval(PeerRecord from, String groupId, JsonObject approval);
}
