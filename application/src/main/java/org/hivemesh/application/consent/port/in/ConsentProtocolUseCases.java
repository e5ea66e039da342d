package org.hivemesh.application.consent.port.in;

import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.consent.Approval;

/** Plans and answers members of a governed group send each other over /sync/v1; {@code from} is the proven caller. */
public interface ConsentProtocolUseCases {
    /** A join plan proposed by the owner of a governed group this instance is on the roster of. */
    void receiveProposal(PeerRecord from, String groupId, PlanProposal proposal);

    /** A roster member's signed answer to a plan of a group this instance owns. */
    void receiveApproval(PeerRecord from, Approval approval);
}
