package org.hivemesh.application.content;

import java.util.List;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.domain.hive.Contradiction;
import org.hivemesh.domain.hive.DecisionLinks;
import org.hivemesh.domain.hive.DecisionView;
import org.hivemesh.domain.hive.Entity;
import org.hivemesh.domain.hive.EntityKind;

/**
 * The links of one topic's decisions, read from the store for that topic alone: recording or streaming a decision
 * costs what its topic holds, not what the hive holds.
 */
final class TopicDecisions {
    private final List<Entity> decisions;
    private final List<Entity> reviews;

    private TopicDecisions(StateStore state, String group, String topic) {
        decisions = state.decisionsOnTopic(group, topic);
        List<String> conflictIds = DecisionLinks.contradictions(decisions, List.of()).stream()
                .map(Contradiction::conflictId).toList();
        reviews = conflictIds.isEmpty() ? List.of() : state.entities(group, EntityKind.REVIEW, conflictIds);
    }

    static TopicDecisions of(StateStore state, String group, String topic) {
        return new TopicDecisions(state, group, topic);
    }

    List<DecisionView> views() {
        return DecisionLinks.views(decisions, reviews);
    }

    List<Contradiction> contradictions() {
        return DecisionLinks.contradictions(decisions, reviews);
    }
}
