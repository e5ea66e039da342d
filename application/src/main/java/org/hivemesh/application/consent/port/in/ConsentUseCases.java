package org.hivemesh.application.consent.port.in;

import java.util.List;
import org.hivemesh.application.consent.port.out.ConsentStore.PlanRecord;
import org.hivemesh.application.consent.port.out.ConsentStore.RosterMember;

/** Governed (roster) groups: who is on the roster, and the merge plans waiting for their approval. */
public interface ConsentUseCases {
    /** Active members (shown offline while unreachable from here) and joiners invited by an open plan. */
    List<RosterMember> roster(String groupId);

    /** Removing a member is a roster change: every pending plan of the group starts a new approval round. */
    void removeMember(String groupId, String instanceId);

    List<PlanRecord> plans(String groupId);

    /** This instance's approval; for a plan awaiting oversight, the admin's oversight decision. */
    PlanRecord approve(String planId);

    PlanRecord reject(String planId);

    /** This instance's merge cadence for the group: continuous, nightly (window opening at nightlyAt UTC) or on-open. */
    void setCadence(String groupId, org.hivemesh.domain.consent.Cadence.Mode mode, java.time.LocalTime nightlyAt);
}
