package org.hivemesh.domain.hive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.testing.Events;
import org.hivemesh.domain.testing.HistoryGenerator;
import org.hivemesh.domain.testing.Intruders;

class ConvergenceProperties {
    private static final HiveOwner OWNER = HistoryGenerator.owner();

    @Provide
    Arbitrary<List<Event>> histories() {
        return Arbitraries.longs().flatMap(seed -> Arbitraries.integers().between(1, 80)
                .map(size -> HistoryGenerator.generate(seed, size)));
    }

    @Property(tries = 300)
    void everyPermutationAndDuplicationGivesTheSameDigest(@ForAll("histories") List<Event> history,
                                                          @ForAll long shuffleSeed,
                                                          @ForAll @IntRange(min = 0, max = 30) int duplicates) {
        Random random = new Random(shuffleSeed);
        List<Event> delivered = new ArrayList<>(history);
        for (int i = 0; i < duplicates && !history.isEmpty(); i++) {
            delivered.add(history.get(random.nextInt(history.size())));
        }
        Collections.shuffle(delivered, random);

        HiveState inOrder = HiveState.project(OWNER, history);
        HiveState shuffled = HiveState.project(OWNER, delivered);

        assertThat(shuffled.stateDigest()).isEqualTo(inOrder.stateDigest());
        assertThat(shuffled.refusals()).isEqualTo(inOrder.refusals());
        assertThat(shuffled.posts()).isEqualTo(inOrder.posts());
        assertThat(shuffled.decisions()).isEqualTo(inOrder.decisions());
        assertThat(shuffled.settings()).isEqualTo(inOrder.settings());
    }

    @Property(tries = 200)
    void convergenceHoldsWithUnauthorizedEventsMixedIn(@ForAll("histories") List<Event> history,
                                                       @ForAll long seed,
                                                       @ForAll @IntRange(min = 1, max = 20) int intruders) {
        List<Event> all = new ArrayList<>(history);
        all.addAll(Intruders.against(history, seed, intruders));
        List<Event> delivered = new ArrayList<>(all);
        delivered.addAll(all.subList(0, Math.min(5, all.size())));
        Collections.shuffle(delivered, new Random(seed));

        HiveState inOrder = HiveState.project(OWNER, all);
        HiveState shuffled = HiveState.project(OWNER, delivered);

        assertThat(shuffled.stateDigest()).isEqualTo(inOrder.stateDigest());
        assertThat(shuffled.refusals()).isEqualTo(inOrder.refusals());
    }

    @Property(tries = 200)
    void anUnauthorizedEventNeverChangesTheDigest(@ForAll("histories") List<Event> history, @ForAll long seed) {
        String before = HiveState.project(OWNER, history).stateDigest();
        for (Event intruder : Intruders.against(history, seed, 10)) {
            List<Event> with = new ArrayList<>(history);
            with.add(intruder);
            HiveState state = HiveState.project(OWNER, with);

            assertThat(state.refusals()).extracting(Refusal::eventId).contains(intruder.id());
            assertThat(state.stateDigest()).isEqualTo(before);
        }
    }

    @Property(tries = 200)
    void aTombstoneBeatsEveryEditWhateverTheirClocks(@ForAll("histories") List<Event> history,
                                                     @ForAll long shuffleSeed) {
        AgentRef bob = Events.agent("inst_b", "bob");
        Event post = Events.event("inst_b", new Hlc(1_764_000_000_000L, 0),
                new EventPayload.PostCreated("doomed", Optional.empty(), Optional.empty(), bob));
        String postId = HiveRules.postId(post);
        Event delete = Events.event("inst_b", new Hlc(1_764_000_000_001L, 0),
                new EventPayload.PostDeleted(postId, bob, Optional.empty()));
        List<Event> all = new ArrayList<>(history);
        all.add(post);
        all.add(delete);
        for (int i = 0; i < 5; i++) {
            all.add(Events.event("inst_b", new Hlc(1_800_000_000_000L + i, 0), new EventPayload.PostUpdated(postId,
                    Optional.of("resurrected " + i), Optional.empty(), Optional.empty(), bob)));
        }
        Collections.shuffle(all, new Random(shuffleSeed));

        HiveState state = HiveState.project(OWNER, all);

        assertThat(state.post(postId)).isEmpty();
        assertThat(state.entity(new EntityKey(EntityKind.POST, postId)).orElseThrow().isDeleted()).isTrue();
    }

    @Property(tries = 100)
    void aCommentBeforeItsPostAppearsOnceThePostArrives(@ForAll("histories") List<Event> history) {
        Event post = Events.event("inst_b", 2_000_000_000_000L,
                new EventPayload.PostCreated("late post", Optional.empty(), Optional.empty(), Events.agent("inst_b", "bob")));
        Event comment = Events.event("inst_c", 2_000_000_000_500L, new EventPayload.CommentCreated(HiveRules.postId(post),
                Optional.empty(), "early comment", Events.agent("inst_c", "carol")));

        HiveState state = HiveState.project(OWNER, history).apply(comment);
        assertThat(state.post(HiveRules.postId(post))).isEmpty();
        assertThat(state.thread(HiveRules.postId(post))).isEmpty();

        state.apply(post);
        assertThat(state.thread(HiveRules.postId(post))).singleElement()
                .satisfies(c -> assertThat(c.content()).contains("early comment"));
        assertThat(state.post(HiveRules.postId(post)).orElseThrow().commentCount()).isEqualTo(1);
    }
}
