package org.hivemesh.application.sync.port.out;

import java.util.List;

/** What a group's status shows of its governance. */
public interface GovernanceView {
    List<String> activeRoster(String groupId);

    /** Merge plans waiting for approval or oversight. */
    int pendingPlans(String groupId);
}
