package org.hivemesh.application.sync.port.out;

import java.util.Set;
import org.hivemesh.domain.group.SyncGroup;

/** Whether a governed group ({@code consent: roster}) admits a joiner now; its consent rules decide. */
public interface JoinGate {
    sealed interface Decision permits Admitted, Pending {
    }

    record Admitted() implements Decision {
    }

    /** A merge plan waits for these roster members' approval. */
    record Pending(String planId, Set<String> waitingFor) implements Decision {
        public Pending {
            waitingFor = Set.copyOf(waitingFor);
        }
    }

    /**
     * {@code maxPeers}: peers linked plus open join plans never exceed it (max_peers_per_group). A joiner whose last
     * plan was rejected or expired is refused ({@code join_rejected}, {@code join_expired}) unless {@code newPlan}.
     */
    Decision decide(SyncGroup group, String joiner, int maxPeers, boolean newPlan);

    /** A governed group was created here: its roster starts with this instance. */
    void opened(SyncGroup group);
}
