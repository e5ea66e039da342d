package org.hivemesh.application.sync.port.in;

import java.util.List;

/** What asking to join a hive came to. */
public sealed interface JoinResult {
    record Joined(GroupStatus group) implements JoinResult {
    }

    /**
     * A governed group opened a merge plan for the join; this instance asks again by itself every round and is
     * admitted once the roster has approved — no further request is needed.
     */
    record AwaitingApproval(String peerId, String hiveName, String planId, List<String> waitingFor) implements JoinResult {
        public AwaitingApproval {
            waitingFor = List.copyOf(waitingFor);
        }
    }

    /** No peer was named: the hive is looked for through the hub and joined as peers are found. */
    record Searching(String hiveName) implements JoinResult {
    }
}
