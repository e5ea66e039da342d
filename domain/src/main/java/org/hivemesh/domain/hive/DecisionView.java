package org.hivemesh.domain.hive;

import java.util.List;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** A recorded decision with its links: same topic and choice relate; a different choice from another agent contradicts. */
public record DecisionView(String decisionId, String topic, String choice, String text, double confidence,
                           String category, String stakes, AgentRef author, String originInstanceId, Hlc hlc,
                           List<String> relatesTo, List<String> contradictions) {

    public static DecisionView of(Entity decision, List<String> relatesTo, List<String> contradictions) {
        JsonObject c = decision.created().orElseThrow();
        return new DecisionView(decision.key().id(), c.string("topic"), c.string("choice"), c.string("text"),
                c.number("confidence"), c.string("category"), c.string("stakes"),
                AgentRef.fromJson(c.object("author")), c.string("origin"), Hlc.parse(c.string("hlc")),
                List.copyOf(relatesTo), List.copyOf(contradictions));
    }
}
