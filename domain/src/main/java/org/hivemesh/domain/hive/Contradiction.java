package org.hivemesh.domain.hive;

import java.util.Optional;
import org.hivemesh.domain.event.EventId;

/** Two decisions on one topic with different choices from different agents, awaiting or past review. */
public record Contradiction(String conflictId, String topic, String decisionA, String decisionB,
                            Optional<Review> review) {

    public record Review(String keepDecisionId, String note, String reviewerKey) {
    }

    /** Deterministic from the pair, so every instance names the same conflict alike. */
    public static String idFor(String decisionA, String decisionB) {
        String low = decisionA.compareTo(decisionB) <= 0 ? decisionA : decisionB;
        String high = low.equals(decisionA) ? decisionB : decisionA;
        return "cfl_" + EventId.sha256Hex(low + "|" + high).substring(0, 32);
    }

    public boolean resolved() {
        return review.isPresent();
    }
}
