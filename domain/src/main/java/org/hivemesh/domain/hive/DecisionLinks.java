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

    /**
     * Every pair of recorded decisions that contradict, in key order. Only decisions on one topic can relate or
     * contradict, so pairs are formed within each topic: linear in the decisions plus the pairs of each topic.
     */
    public static List<Contradiction> contradictions(List<Entity> decisions, List<Entity> reviews) {
        Map<String, Entity> reviewById = new HashMap<>();
        reviews.forEach(r -> reviewById.put(r.key().id(), r));
        List<Contradiction> out = new ArrayList<>();
        byTopic(decisions).values().forEach(topic -> {
            List<Entity> sorted = topic.stream().sorted(Comparator.comparing(Entity::key)).collect(Collectors.toList());
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
        });
        out.sort(Comparator.comparing(Contradiction::decisionA).thenComparing(Contradiction::decisionB));
        return out;
    }

    /** The recorded decisions by topic; a decision relates to and contradicts only decisions of its own topic. */
    private static Map<String, List<Entity>> byTopic(List<Entity> decisions) {
        Map<String, List<Entity>> byTopic = new HashMap<>();
        decisions.stream().filter(Entity::isCreated)
                .forEach(d -> byTopic.computeIfAbsent(d.created().get().string("topic"), t -> new ArrayList<>()).add(d));
        return byTopic;
    }

    public static List<DecisionView> views(List<Entity> decisions, List<Entity> reviews) {
        Map<String, List<String>> flagged = new HashMap<>();
        for (Contradiction c : contradictions(decisions, reviews)) {
            flagged.computeIfAbsent(c.decisionA(), d -> new ArrayList<>()).add(c.conflictId());
            flagged.computeIfAbsent(c.decisionB(), d -> new ArrayList<>()).add(c.conflictId());
        }
        Map<String, List<Entity>> byTopic = byTopic(decisions);
        List<Entity> created = byTopic.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparing((Entity d) -> d.created().get().string("hlc")).thenComparing(Entity::key))
                .collect(Collectors.toList());
        List<DecisionView> out = new ArrayList<>();
        for (Entity d : created) {
            JsonObject attributes = d.created().get();
            List<String> related = byTopic.get(attributes.string("topic")).stream()
                    .filter(o -> !o.key().equals(d.key()) && relate(attributes, o.created().get()))
                    .sorted(Comparator.comparing((Entity o) -> o.created().get().string("hlc")).thenComparing(Entity::key))
                    .map(o -> o.key().id()).collect(Collectors.toList());
            out.add(DecisionView.of(d, related, flagged.getOrDefault(d.key().id(), List.of())));
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
