package org.hivemesh.application.consent.port.in;

import org.hivemesh.domain.consent.Roster;

/** Who is on the roster of a governed group (admin token). */
public interface RosterUseCase {
    /** Active members (shown offline while unreachable from here) and joiners invited by an open plan. */
    Roster roster(String groupId);

    /** Removing a member is a roster change: every pending plan of the group starts a new approval round. */
    void removeMember(String groupId, String instanceId);
}
