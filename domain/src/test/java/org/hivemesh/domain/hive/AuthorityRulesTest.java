package org.hivemesh.domain.hive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.MembershipAction;
import org.hivemesh.domain.event.ModeratorAction;
import org.hivemesh.domain.event.TargetType;
import org.hivemesh.domain.testing.Events;
import org.junit.jupiter.api.Test;

/** Every row of SPEC.md's authority table, refused without authority and taking effect with it. */
class AuthorityRulesTest {
    private static final HiveOwner OWNER = new HiveOwner("inst_a", "agt_alice");
    private final AgentRef alice = Events.agent("inst_a", "alice");
    private final AgentRef bob = Events.agent("inst_b", "bob");
    private final AgentRef mallory = Events.agent("inst_m", "mallory");
    private final AgentRef mod = Events.agent("inst_c", "carol");

    private final Event post = at(10, new EventPayload.PostCreated("bob's post", Optional.empty(), Optional.empty(), bob));
    private final String postId = HiveRules.postId(post);
    private final Event comment = at(11, new EventPayload.CommentCreated(postId, Optional.empty(), "bob's comment", bob));
    private final String commentId = HiveRules.commentId(comment);

    private static Event at(long wall, EventPayload payload) {
        return Events.event(payload.actor().instanceId(), wall, payload);
    }

    private static HiveState project(Event... events) {
        return HiveState.project(OWNER, List.of(events));
    }

    private static Optional<AuthorityRule> ruleFor(HiveState state, Event event) {
        return state.refusals().stream().filter(r -> r.eventId().equals(event.id())).map(Refusal::rule).findFirst();
    }

    private Event grant(long wall, AgentRef who) {
        return at(wall, new EventPayload.ModeratorChanged(who, ModeratorAction.ADD, alice));
    }

    private Event edit(long wall, AgentRef by) {
        return at(wall, new EventPayload.PostUpdated(postId, Optional.of("edited by " + by.name()), Optional.empty(),
                Optional.empty(), by));
    }

    @Test
    void anAgentOfAnotherInstanceIsRefusedWhateverItDoes() {
        Event forged = Events.event("inst_m", 12, new EventPayload.PostCreated("as bob", Optional.empty(), Optional.empty(), bob));

        HiveState state = project(post, forged);

        assertThat(ruleFor(state, forged)).contains(AuthorityRule.AUTHOR_NOT_OF_ORIGIN);
        assertThat(state.posts()).extracting(PostView::title).containsExactly("bob's post");
        assertThat(Authority.originRefusal(forged)).contains(AuthorityRule.AUTHOR_NOT_OF_ORIGIN);
        assertThat(Authority.originRefusal(post)).isEmpty();
    }

    @Test
    void onlyTheAuthorAModeratorOrTheOwnerEditsOrDeletesAPost() {
        Event byMallory = edit(20, mallory);
        Event deleteByMallory = at(21, new EventPayload.PostDeleted(postId, mallory, Optional.empty()));
        HiveState refused = project(post, byMallory, deleteByMallory);

        assertThat(ruleFor(refused, byMallory)).contains(AuthorityRule.NOT_AUTHOR_MODERATOR_OR_OWNER);
        assertThat(ruleFor(refused, deleteByMallory)).contains(AuthorityRule.NOT_AUTHOR_MODERATOR_OR_OWNER);
        assertThat(refused.post(postId).orElseThrow().title()).isEqualTo("bob's post");
        assertThat(refused.stateDigest()).isEqualTo(project(post).stateDigest());

        assertThat(project(post, edit(20, bob)).post(postId).orElseThrow().title()).isEqualTo("edited by bob");
        assertThat(project(post, edit(20, alice)).post(postId).orElseThrow().title()).isEqualTo("edited by alice");
        assertThat(project(post, grant(5, mod), edit(20, mod)).post(postId).orElseThrow().title()).isEqualTo("edited by carol");
        assertThat(project(post, grant(5, mod), at(21, new EventPayload.PostDeleted(postId, mod, Optional.empty())))
                .post(postId)).isEmpty();
    }

    @Test
    void commentsFollowTheSameRule() {
        Event byMallory = at(20, new EventPayload.CommentUpdated(commentId, "defaced", mallory));
        Event byBob = at(21, new EventPayload.CommentUpdated(commentId, "clarified", bob));

        HiveState state = project(post, comment, byMallory, byBob);

        assertThat(ruleFor(state, byMallory)).contains(AuthorityRule.NOT_AUTHOR_MODERATOR_OR_OWNER);
        assertThat(state.thread(postId)).singleElement().satisfies(c -> assertThat(c.content()).contains("clarified"));
    }

    @Test
    void anEditThatArrivesBeforeItsPostIsDecidedWhenThePostArrives() {
        Event early = edit(20, bob);

        HiveState waiting = project(early);
        assertThat(ruleFor(waiting, early)).contains(AuthorityRule.UNKNOWN_TARGET);

        waiting.apply(post);
        assertThat(ruleFor(waiting, early)).isEmpty();
        assertThat(waiting.post(postId).orElseThrow().title()).isEqualTo("edited by bob");
    }

    @Test
    void anEditThatArrivesBeforeTheGrantAuthorizingItTakesEffectOnceTheGrantArrives() {
        Event byCarol = edit(20, mod);
        HiveState state = project(post, byCarol);
        assertThat(state.post(postId).orElseThrow().title()).isEqualTo("bob's post");

        state.apply(grant(15, mod));

        assertThat(state.post(postId).orElseThrow().title()).isEqualTo("edited by carol");
        assertThat(ruleFor(state, byCarol)).isEmpty();
    }

    @Test
    void aLaterRevocationDoesNotUndoWhatWasDoneWithAuthorityButStopsWhatFollows() {
        Event revoke = at(30, new EventPayload.ModeratorChanged(mod, ModeratorAction.REMOVE, alice));
        Event before = at(20, new EventPayload.HiveSettingChanged("rules", JsonValue.of("be kind"), mod));
        Event after = at(40, new EventPayload.HiveSettingChanged("rules", JsonValue.of("anything goes"), mod));

        HiveState state = project(grant(5, mod), revoke, before, after);

        assertThat(state.settings()).containsEntry("rules", JsonValue.of("be kind"));
        assertThat(ruleFor(state, after)).contains(AuthorityRule.NOT_OWNER_OR_MODERATOR);
    }

    @Test
    void onlyTheOwnerChangesModerators() {
        Event selfMade = at(20, new EventPayload.ModeratorChanged(mallory, ModeratorAction.ADD, mallory));
        Event byAModerator = at(21, new EventPayload.ModeratorChanged(mallory, ModeratorAction.ADD, mod));

        HiveState state = project(grant(5, mod), selfMade, byAModerator);

        assertThat(ruleFor(state, selfMade)).contains(AuthorityRule.NOT_OWNER);
        assertThat(ruleFor(state, byAModerator)).contains(AuthorityRule.NOT_OWNER);
        assertThat(state.moderators()).containsExactly(mod.key());
    }

    @Test
    void onlyTheOwnerOrAModeratorBansAndNeverTheOwner() {
        Event byMallory = at(20, new EventPayload.MembershipChanged(bob, MembershipAction.BAN, mallory));
        Event againstOwner = at(21, new EventPayload.MembershipChanged(alice, MembershipAction.BAN, mod));
        Event byModerator = at(22, new EventPayload.MembershipChanged(mallory, MembershipAction.BAN, mod));

        HiveState state = project(grant(5, mod), byMallory, againstOwner, byModerator);

        assertThat(ruleFor(state, byMallory)).contains(AuthorityRule.NOT_OWNER_OR_MODERATOR);
        assertThat(ruleFor(state, againstOwner)).contains(AuthorityRule.OWNER_PROTECTED);
        assertThat(state.members()).containsOnlyKeys(mallory.key()).containsEntry(mallory.key(), "banned");
    }

    @Test
    void aBannedAgentCreatesVotesAndReviewsNothingAndCannotRejoinItself() {
        Event ban = at(20, new EventPayload.MembershipChanged(mallory, MembershipAction.BAN, alice));
        Event malloryPost = at(30, new EventPayload.PostCreated("spam", Optional.empty(), Optional.empty(), mallory));
        Event vote = at(31, new EventPayload.VoteCast(TargetType.POST, postId, mallory, -1));
        Event rejoin = at(32, new EventPayload.MembershipChanged(mallory, MembershipAction.JOIN, mallory));
        Event earlier = at(10, new EventPayload.CommentCreated(postId, Optional.empty(), "before the ban", mallory));

        HiveState state = project(post, ban, malloryPost, vote, rejoin, earlier);

        assertThat(ruleFor(state, malloryPost)).contains(AuthorityRule.BANNED);
        assertThat(ruleFor(state, vote)).contains(AuthorityRule.BANNED);
        assertThat(ruleFor(state, rejoin)).contains(AuthorityRule.BANNED);
        assertThat(state.posts()).extracting(PostView::title).containsExactly("bob's post");
        assertThat(state.post(postId).orElseThrow().score()).isZero();
        assertThat(state.thread(postId)).singleElement().satisfies(c -> assertThat(c.content()).contains("before the ban"));
        assertThat(state.members()).containsEntry(mallory.key(), "banned");
    }

    @Test
    void onlyTheAgentItselfJoinsOrLeaves() {
        Event forOther = at(20, new EventPayload.MembershipChanged(bob, MembershipAction.LEAVE, mallory));
        Event itself = at(21, new EventPayload.MembershipChanged(bob, MembershipAction.JOIN, bob));

        HiveState state = project(forOther, itself);

        assertThat(ruleFor(state, forOther)).contains(AuthorityRule.NOT_SELF);
        assertThat(state.members()).containsEntry(bob.key(), "member");
    }

    @Test
    void aBanByAModeratorCountsOnlyIfTheGrantCameBeforeIt() {
        Event ban = at(20, new EventPayload.MembershipChanged(mallory, MembershipAction.BAN, mod));
        Event spam = at(30, new EventPayload.PostCreated("spam", Optional.empty(), Optional.empty(), mallory));

        assertThat(project(grant(25, mod), ban, spam).posts()).extracting(PostView::title).containsExactly("spam");
        assertThat(project(grant(15, mod), ban, spam).posts()).isEmpty();
    }

    @Test
    void settingsNeedTheOwnerOrAModerator() {
        Event byBob = at(20, new EventPayload.HiveSettingChanged("rules", JsonValue.of("bob's rules"), bob));
        Event byOwner = at(21, new EventPayload.HiveSettingChanged("description", JsonValue.of("hub"), alice));

        HiveState state = project(byBob, byOwner);

        assertThat(ruleFor(state, byBob)).contains(AuthorityRule.NOT_OWNER_OR_MODERATOR);
        assertThat(state.settings()).containsOnlyKeys("description");
    }

    @Test
    void theProjectionListsEveryRefusalOnceWithItsEntity() {
        List<Event> events = new ArrayList<>(List.of(post, edit(20, mallory), edit(21, mallory)));
        HiveState state = HiveState.project(OWNER, events);

        assertThat(state.refusals()).hasSize(2).allSatisfy(r -> {
            assertThat(r.entity()).isEqualTo(new EntityKey(EntityKind.POST, postId));
            assertThat(r.rule()).isEqualTo(AuthorityRule.NOT_AUTHOR_MODERATOR_OR_OWNER);
        });
    }
}
