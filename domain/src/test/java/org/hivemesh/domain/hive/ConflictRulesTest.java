package org.hivemesh.domain.hive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.ModeratorAction;
import org.hivemesh.domain.event.Stakes;
import org.hivemesh.domain.event.TargetType;
import org.hivemesh.domain.testing.Events;
import org.junit.jupiter.api.Test;

/** The examples of seed section 3.8 and the decision rules of F043. */
class ConflictRulesTest {
    private final AgentRef ownerAgent = Events.agent("inst_a", "alice");
    private final AgentRef otherAgent = Events.agent("inst_b", "bob");
    private final AgentRef thirdAgent = Events.agent("inst_c", "carol");

    private static final HiveOwner OWNER = new HiveOwner("inst_a", "agt_alice");
    /** Bob and Carol moderate, so their setting changes have authority and the conflict rules decide. */
    private final List<Event> grants = List.of(
            Events.event("inst_a", 0, new EventPayload.ModeratorChanged(otherAgent, ModeratorAction.ADD, ownerAgent)),
            Events.event("inst_a", 0, new EventPayload.ModeratorChanged(thirdAgent, ModeratorAction.ADD, ownerAgent)));

    private Event description(String origin, AgentRef by, Hlc hlc, String value) {
        return Events.event(origin, hlc, new EventPayload.HiveSettingChanged("description", JsonValue.of(value), by));
    }

    private HiveState project(Event... events) {
        List<Event> all = new java.util.ArrayList<>(grants);
        all.addAll(List.of(events));
        return HiveState.project(OWNER, all);
    }

    @Test
    void ownersChangeBeatsALaterChangeFromAnotherInstance() {
        Event owners = description("inst_a", ownerAgent, new Hlc(1000, 0), "ML research hub");
        Event later = description("inst_b", otherAgent, new Hlc(1001, 0), "AI research hub");

        assertThat(project(owners, later).settings().get("description"))
                .isEqualTo(JsonValue.of("ML research hub"));
        assertThat(project(later, owners).settings().get("description"))
                .isEqualTo(JsonValue.of("ML research hub"));
    }

    @Test
    void withoutTheOwnerInvolvedTheLaterHlcWins() {
        Event earlier = description("inst_b", otherAgent, new Hlc(1000, 0), "ML research hub");
        Event later = description("inst_c", thirdAgent, new Hlc(1001, 0), "AI research hub");

        assertThat(project(later, earlier).settings().get("description"))
                .isEqualTo(JsonValue.of("AI research hub"));
    }

    @Test
    void onEqualHlcTheSmallerEventIdWins() {
        Event one = description("inst_b", otherAgent, new Hlc(1000, 0), "one");
        Event two = description("inst_c", thirdAgent, new Hlc(1000, 0), "two");
        String expected = one.id().compareTo(two.id()) < 0 ? "one" : "two";

        assertThat(project(one, two).settings().get("description")).isEqualTo(JsonValue.of(expected));
        assertThat(project(two, one).settings().get("description")).isEqualTo(JsonValue.of(expected));
    }

    @Test
    void aSingleSideChangeIsAccepted() {
        Event only = description("inst_c", thirdAgent, new Hlc(5, 0), "only change");

        assertThat(project(only).settings()).containsEntry("description", JsonValue.of("only change"));
    }

    @Test
    void theLatestVotePerVoterCountsAndZeroRemovesIt() {
        Event post = Events.event("inst_a", 1, new EventPayload.PostCreated("p", Optional.empty(), Optional.empty(), ownerAgent));
        String postId = HiveRules.postId(post);
        Event up = Events.event("inst_b", 2, new EventPayload.VoteCast(TargetType.POST, postId, otherAgent, 1));
        Event down = Events.event("inst_b", 3, new EventPayload.VoteCast(TargetType.POST, postId, otherAgent, -1));
        Event carolUp = Events.event("inst_c", 2, new EventPayload.VoteCast(TargetType.POST, postId, thirdAgent, 1));
        Event carolRemoves = Events.event("inst_c", 4, new EventPayload.VoteCast(TargetType.POST, postId, thirdAgent, 0));

        HiveState state = project(carolRemoves, down, post, up, carolUp);

        assertThat(state.post(postId).orElseThrow().score()).isEqualTo(-1);
    }

    @Test
    void decisionsOnOneTopicRelateOrContradictAndAReviewResolvesTheFlag() {
        Event mine = Events.event("inst_a", 1, new EventPayload.DecisionRecorded("database", "postgres", "SQL", 0.9, "arch",
                Stakes.HIGH, ownerAgent));
        Event agreeing = Events.event("inst_b", 2, new EventPayload.DecisionRecorded("database", "postgres", "also SQL", 0.7, "arch",
                Stakes.HIGH, otherAgent));
        Event contrary = Events.event("inst_c", 3, new EventPayload.DecisionRecorded("database", "mongo", "documents", 0.6, "arch",
                Stakes.HIGH, thirdAgent));
        HiveState state = project(mine, agreeing, contrary, mine);

        assertThat(state.decisions()).hasSize(3);
        DecisionView first = state.decisions().get(0);
        assertThat(first.relatesTo()).containsExactly(HiveRules.decisionId(agreeing));
        assertThat(state.contradictions()).hasSize(2).allMatch(c -> !c.resolved());

        Contradiction flag = state.contradictions().get(0);
        state.apply(Events.event("inst_b", 9, new EventPayload.DecisionReviewed(flag.conflictId(), flag.decisionA(), "agreed", otherAgent)));

        assertThat(state.contradictions()).filteredOn(Contradiction::resolved).singleElement()
                .satisfies(c -> assertThat(c.review().orElseThrow().keepDecisionId()).isEqualTo(flag.decisionA()));
    }

    @Test
    void repliesNestUnderTheirParents() {
        Event post = Events.event("inst_a", 1, new EventPayload.PostCreated("p", Optional.empty(), Optional.empty(), ownerAgent));
        String postId = HiveRules.postId(post);
        Event top = Events.event("inst_b", 2, new EventPayload.CommentCreated(postId, Optional.empty(), "top", otherAgent));
        Event reply = Events.event("inst_c", 3, new EventPayload.CommentCreated(postId, Optional.of(HiveRules.commentId(top)), "reply", thirdAgent));

        List<CommentView> thread = project(reply, post, top).thread(postId);

        assertThat(thread).singleElement().satisfies(c -> assertThat(c.replies()).singleElement()
                .satisfies(r -> assertThat(r.content()).contains("reply")));
    }
}
