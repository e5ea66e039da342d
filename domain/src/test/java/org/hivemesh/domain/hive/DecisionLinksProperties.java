package org.hivemesh.domain.hive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Stakes;
import org.hivemesh.domain.testing.Events;

/**
 * Decisions link within their topic only: the links computed topic by topic are the links of every pair of the
 * hive's decisions, and a topic read alone gives its decisions the views they have in the whole hive.
 */
class DecisionLinksProperties {
    private static final List<String> TOPICS = List.of("database", "queue", "cache", "auth");
    private static final List<String> CHOICES = List.of("a", "b", "c");
    private static final List<AgentRef> AGENTS = List.of(Events.agent("inst_a", "alice"), Events.agent("inst_b", "bob"),
            Events.agent("inst_c", "carol"));

    private record Hive(List<Entity> decisions, List<Entity> reviews) {
    }

    private static Hive hive(long seed, int size) {
        Random random = new Random(seed);
        List<Entity> decisions = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            AgentRef author = AGENTS.get(random.nextInt(AGENTS.size()));
            Event recorded = Events.event(author.instanceId(), 1 + random.nextInt(1000), new EventPayload.DecisionRecorded(
                    TOPICS.get(random.nextInt(TOPICS.size())), CHOICES.get(random.nextInt(CHOICES.size())), "text " + i,
                    0.5, "arch", Stakes.LOW, author));
            decisions.add(HiveRules.apply(Optional.empty(), recorded, "inst_a"));
        }
        List<Entity> reviews = new ArrayList<>();
        for (Contradiction c : everyPair(decisions, List.of())) {
            if (random.nextBoolean()) {
                Event review = Events.event("inst_a", 2000, new EventPayload.DecisionReviewed(c.conflictId(), c.decisionA(),
                        "kept", AGENTS.get(0)));
                reviews.add(HiveRules.apply(Optional.empty(), review, "inst_a"));
            }
        }
        return new Hive(decisions, reviews);
    }

    /** The rule read directly: every pair of the hive's decisions, in key order. */
    private static List<Contradiction> everyPair(List<Entity> decisions, List<Entity> reviews) {
        Map<String, Entity> reviewById = reviews.stream().collect(Collectors.toMap(r -> r.key().id(), Function.identity()));
        List<Entity> sorted = decisions.stream().filter(Entity::isCreated).sorted(Comparator.comparing(Entity::key)).toList();
        List<Contradiction> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                if (DecisionLinks.contradict(sorted.get(i).created().get(), sorted.get(j).created().get())) {
                    String a = sorted.get(i).key().id();
                    String b = sorted.get(j).key().id();
                    String id = Contradiction.idFor(a, b);
                    out.add(new Contradiction(id, sorted.get(i).created().get().string("topic"), a, b,
                            Optional.ofNullable(reviewById.get(id)).flatMap(r -> r.field("review"))
                                    .map(r -> (org.hivemesh.domain.event.JsonValue.JsonObject) r.value())
                                    .map(v -> new Contradiction.Review(v.string("keep_decision_id"), v.string("note"),
                                            AgentRef.fromJson(v.object("reviewer")).key()))));
                }
            }
        }
        return out;
    }

    /** The views read directly: every decision against every other, in HLC then key order. */
    private static List<DecisionView> everyView(List<Entity> decisions, List<Entity> reviews) {
        List<Contradiction> contradictions = everyPair(decisions, reviews);
        List<Entity> created = decisions.stream().filter(Entity::isCreated)
                .sorted(Comparator.comparing((Entity d) -> d.created().get().string("hlc")).thenComparing(Entity::key))
                .toList();
        return created.stream().map(d -> DecisionView.of(d,
                created.stream().filter(o -> !o.key().equals(d.key()) && DecisionLinks.relate(d.created().get(),
                        o.created().get())).map(o -> o.key().id()).toList(),
                contradictions.stream().filter(c -> c.decisionA().equals(d.key().id()) || c.decisionB().equals(d.key().id()))
                        .map(Contradiction::conflictId).toList())).toList();
    }

    @Property(tries = 60)
    void viewsAreThoseOfEveryDecisionAgainstEveryOther(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int size) {
        Hive hive = hive(seed, size);

        assertThat(DecisionLinks.views(hive.decisions(), hive.reviews())).isEqualTo(everyView(hive.decisions(), hive.reviews()));
    }

    @Property(tries = 60)
    void contradictionsAreThoseOfEveryPairInTheSameOrder(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int size) {
        Hive hive = hive(seed, size);

        assertThat(DecisionLinks.contradictions(hive.decisions(), hive.reviews()))
                .isEqualTo(everyPair(hive.decisions(), hive.reviews()));
    }

    @Property(tries = 60)
    void aTopicReadAloneGivesItsDecisionsTheirViewsInTheWholeHive(@ForAll long seed,
                                                                  @ForAll @IntRange(min = 0, max = 40) int size) {
        Hive hive = hive(seed, size);
        List<DecisionView> whole = DecisionLinks.views(hive.decisions(), hive.reviews());

        for (String topic : TOPICS) {
            List<Entity> onTopic = hive.decisions().stream()
                    .filter(d -> d.created().get().string("topic").equals(topic)).toList();
            assertThat(DecisionLinks.views(onTopic, hive.reviews()))
                    .isEqualTo(whole.stream().filter(v -> v.topic().equals(topic)).toList());
        }
        List<Contradiction> all = everyPair(hive.decisions(), hive.reviews());
        for (DecisionView view : whole) {
            assertThat(view.contradictions()).isEqualTo(all.stream()
                    .filter(c -> c.decisionA().equals(view.decisionId()) || c.decisionB().equals(view.decisionId()))
                    .map(Contradiction::conflictId).toList());
            assertThat(view.relatesTo()).isEqualTo(whole.stream().filter(other -> !other.decisionId().equals(view.decisionId())
                    && other.topic().equals(view.topic()) && other.choice().equals(view.choice()))
                    .map(DecisionView::decisionId).toList());
        }
    }
}
