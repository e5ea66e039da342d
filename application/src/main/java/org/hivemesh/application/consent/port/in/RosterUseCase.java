package org.hivemesh.application.consent.port.in;

import java.util.List;
import java.util.Optional;
import org.hivemesh.domain.consent.Roster;
import org.hivemesh.domain.hive.HiveOwner;

/** Who is on the roster of a governed group (admin token). */
public interface RosterUseCase {
    /** Active members (shown offline while unreachable from here) and joiners invited by an open plan. */
    Roster roster(String groupId);

    /** Removing a member is a roster change: every pending plan of the group starts a new approval round. */
    void removeMember(String groupId, String instanceId);

    /** The group's owner now, as its roster's log says (the founder until ownership moved). */
    HiveOwner owner(String groupId);

    /**
     * Hands ownership to an agent of another active member ({@code agentId} defaults to that instance's own
     * {@code instance} agent): a signed event of the group, refused unless this instance owns the group now.
     */
    HiveOwner transferOwnership(String groupId, String instanceId, Optional<String> agentId);

    /** What consent told members, oldest first: of one group, or of every group here. */
    List<NotificationView> notifications(Optional<String> groupId);
}
