package org.hivemesh.domain.hive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** The decision rules: same topic and choice relate; same topic, other choice, other agent contradict. */
public final class DecisionLinks {
    private DecisionLinks() {
    }

    public static List<Contradiction> contradictions(List<Entity> decisions, List<Entity> reviews) {
        Map<String, Entity> reviewById = new HashMap<>();
        reviews.forEach(r -> reviewById.put(r.key().id(), r));
        List<Contradiction> out = new ArrayList<>();
        List<Entity> sorted = decisions.stream().filter(Entity::isCreated)
                .sorted(Comparator.comparing(Entity::key)).collect(Collectors.toList());
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                JsonObject a = sorted.get(i).created().get();
                JsonObject b = sorted.get(j).created().get();
                if (contradict(a, b)) {
                    String idA = sorted.get(i).key().id();
                    String idB = sorted.get(j).key().id();
                    String conflictId = Contradiction.idFor(idA, idB);
                    out.add(new Contradiction(conflictId, a.string("topic"), idA, idB,
                            Optional.ofNullable(reviewById.get(conflictId)).flatMap(r -> r.field("review"))
                                    .map(r -> (JsonObject) r.value())
                                    .map(v -> new Contradiction.Review(v.string("keep_decision_id"), v.string("note"),
                                            AgentRef.fromJson(v.object("reviewer")).key()))));
                }
            }
        }
        return out;
    }

    public static List<DecisionView> views(List<Entity> decisions, List<Entity> reviews) {
        List<Contradiction> contradictions = contradictions(decisions, reviews);
        List<Entity> created = decisions.stream().filter(Entity::isCreated)
                .sorted(Comparator.comparing((Entity d) -> d.created().get().string("hlc")).thenComparing(Entity::key))
                .collect(Collectors.toList());
        List<DecisionView> out = new ArrayList<>();
        for (Entity d : created) {
            JsonObject attributes = d.created().get();
            List<String> related = created.stream()
                    .filter(o -> !o.key().equals(d.key()) && relate(attributes, o.created().get()))
                    .map(o -> o.key().id()).collect(Collectors.toList());
            List<String> flagged = contradictions.stream()
                    .filter(c -> c.decisionA().equals(d.key().id()) || c.decisionB().equals(d.key().id()))
                    .map(Contradiction::conflictId).collect(Collectors.toList());
            out.add(DecisionView.of(d, related, flagged));
        }
        return out;
    }

    public static boolean relate(JsonObject a, JsonObject b) {
        return a.string("topic").equals(b.string("topic")) && a.string("choice").equals(b.string("choice"));
    }

    public static boolean contradict(JsonObject a, JsonObject b) {
        return a.string("topic").equals(b.string("topic")) && !a.string("choice").equals(b.string("choice"))
                && !AgentRef.fromJson(a.object("author")).key().equals(AgentRef.fromJson(b.object("author")).key());
    }
}
