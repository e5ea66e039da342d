package org.hivemesh.domain.hive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.OwnerSuccessionClaimed;
import org.hivemesh.domain.event.OwnerTransferred;
import org.hivemesh.domain.event.RosterAction;
import org.hivemesh.domain.event.RosterChanged;
import org.hivemesh.domain.testing.Events;
import org.junit.jupiter.api.Test;

/** The roster and ownership rules: who may change the roster, hand over ownership or take it after silence. */
class RosterRulesTest {
    static final HiveOwner FOUNDER = new HiveOwner("inst_a", "agt_alice");
    static final long DAY = Duration.ofDays(1).toMillis();
    static final long LIMIT = 30 * DAY;
    private static final AgentRef A = Events.agent("inst_a", "instance");
    private static final AgentRef B = Events.agent("inst_b", "instance");
    private static final AgentRef C = Events.agent("inst_c", "instance");
    private static final AgentRef M = Events.agent("inst_m", "instance");

    static Event change(long wall, AgentRef by, String instance, RosterAction action) {
        return Events.event(by.instanceId(), wall, new RosterChanged(instance, action, Optional.empty(), by));
    }

    static Event transfer(long wall, AgentRef by, AgentRef to) {
        return Events.event(by.instanceId(), wall, new OwnerTransferred(to, by));
    }

    static Event claim(long wall, AgentRef by, AgentRef successor) {
        return Events.event(by.instanceId(), wall, new OwnerSuccessionClaimed(successor, LIMIT, by));
    }

    private static HiveState project(List<Event> events) {
        return HiveState.project(FOUNDER, events);
    }

    private static HiveState project(Event... events) {
        return project(List.of(events));
    }

    private static Optional<AuthorityRule> ruleFor(HiveState state, Event event) {
        return state.refusals().stream().filter(r -> r.eventId().equals(event.id())).map(Refusal::rule).findFirst();
    }

    /** The refused event is kept, but the state (and so the digest) is what it was without it. */
    private static void assertChangesNothing(List<Event> before, Event refused, AuthorityRule rule) {
        List<Event> with = new ArrayList<>(before);
        with.add(refused);
        HiveState after = project(with);
        assertThat(ruleFor(after, refused)).contains(rule);
        assertThat(after.stateDigest()).isEqualTo(project(before).stateDigest());
        assertThat(after.roster()).isEqualTo(project(before).roster());
    }

    private final Event admitB = change(10, A, "inst_b", RosterAction.ADMITTED);

    @Test
    void theFounderIsTheFirstMemberAndOwnerWithoutAnyEvent() {
        RosterView roster = project().roster();

        assertThat(roster.active()).containsExactly("inst_a");
        assertThat(roster.owner()).isEqualTo(FOUNDER);
        assertThat(project().entity(EntityKey.ROSTER)).as("no roster event, no entity: the digest is as before").isEmpty();
    }

    @Test
    void anyActiveMemberAdmitsAndTheDigestCoversTheRoster() {
        Event bAdmitsC = change(20, B, "inst_c", RosterAction.ADMITTED);

        HiveState state = project(admitB, bAdmitsC);

        assertThat(state.refusals()).isEmpty();
        assertThat(state.roster().active()).containsExactly("inst_a", "inst_b", "inst_c");
        assertThat(state.stateDigest()).isNotEqualTo(project(admitB).stateDigest());
    }

    @Test
    void anInstanceOffTheRosterChangesNothing() {
        assertChangesNothing(List.of(admitB), change(20, M, "inst_m", RosterAction.ADMITTED), AuthorityRule.NOT_ON_ROSTER);
        assertChangesNothing(List.of(admitB), change(20, C, "inst_b", RosterAction.REMOVED), AuthorityRule.NOT_ON_ROSTER);
    }

    @Test
    void anAdmissionBeforeTheAdmitterWasOnTheRosterHasNoEffectWhateverArrivesLater() {
        Event tooEarly = change(5, B, "inst_c", RosterAction.ADMITTED);

        HiveState state = project(tooEarly, admitB);

        assertThat(ruleFor(state, tooEarly)).contains(AuthorityRule.NOT_ON_ROSTER);
        assertThat(state.roster().active()).containsExactly("inst_a", "inst_b");
    }

    @Test
    void onlyTheInstanceItselfLeavesAndTheOwnerInstanceNeitherLeavesNorIsRemoved() {
        List<Event> base = List.of(admitB, change(11, A, "inst_c", RosterAction.ADMITTED));

        assertChangesNothing(base, change(20, B, "inst_c", RosterAction.LEFT), AuthorityRule.NOT_SELF);
        assertChangesNothing(base, change(20, B, "inst_a", RosterAction.REMOVED), AuthorityRule.OWNER_ON_ROSTER);
        assertChangesNothing(base, change(20, A, "inst_a", RosterAction.LEFT), AuthorityRule.OWNER_ON_ROSTER);

        Event cLeaves = change(20, C, "inst_c", RosterAction.LEFT);
        Event bRemovedByA = change(21, A, "inst_b", RosterAction.REMOVED);
        HiveState state = project(base.get(0), base.get(1), cLeaves, bRemovedByA);
        assertThat(state.roster().active()).containsExactly("inst_a");
        assertThat(state.roster().entry("inst_c").map(RosterView.Entry::status)).contains(RosterView.Status.LEFT);
        assertThat(state.roster().entry("inst_b").map(RosterView.Entry::status)).contains(RosterView.Status.REMOVED);
    }

    @Test
    void onlyTheOwnerInstanceTransfersAndOnlyToAnActiveMember() {
        AgentRef bob = Events.agent("inst_b", "bob");
        Event toB = transfer(20, A, bob);

        HiveState state = project(admitB, toB);

        assertThat(state.roster().owner()).isEqualTo(new HiveOwner("inst_b", "agt_bob"));
        assertChangesNothing(List.of(admitB), transfer(20, B, B), AuthorityRule.NOT_OWNER_INSTANCE);
        assertChangesNothing(List.of(admitB), transfer(20, A, C), AuthorityRule.NOT_ON_ROSTER);
        assertChangesNothing(List.of(admitB, toB), transfer(30, A, A), AuthorityRule.NOT_OWNER_INSTANCE);
    }

    @Test
    void afterATransferOwnerPreferringLwwPrefersTheNewOwnerAndWhatTheOldOwnerDidBeforeStands() {
        AgentRef alice = Events.agent("inst_a", "alice");
        AgentRef bob = Events.agent("inst_b", "bob");
        AgentRef carol = Events.agent("inst_a", "carol");
        Event carolModerates = Events.event("inst_a", 5, new EventPayload.ModeratorChanged(carol,
                org.hivemesh.domain.event.ModeratorAction.ADD, alice));
        Event toBob = transfer(20, A, bob);
        Event fromBob = Events.event("inst_b", 30, new EventPayload.HiveSettingChanged("topic", JsonValue.of("bob's"), bob));
        Event laterFromCarol = Events.event("inst_a", 40, new EventPayload.HiveSettingChanged("topic",
                JsonValue.of("carol's"), carol));
        Event aliceAfter = Events.event("inst_a", 50, new EventPayload.ModeratorChanged(carol,
                org.hivemesh.domain.event.ModeratorAction.REMOVE, alice));

        HiveState before = project(admitB, carolModerates, fromBob, laterFromCarol);
        HiveState after = project(admitB, carolModerates, toBob, fromBob, laterFromCarol, aliceAfter);

        assertThat(before.settings()).containsEntry("topic", JsonValue.of("carol's"));
        assertThat(after.settings()).as("the new owner's change wins over a later one").containsEntry("topic",
                JsonValue.of("bob's"));
        assertThat(after.moderators()).as("appointed by the owner of the time").containsExactly(carol.key());
        assertThat(ruleFor(after, aliceAfter)).contains(AuthorityRule.NOT_OWNER);

        MaterializerProperties.Store store = new MaterializerProperties.Store(FOUNDER);
        store.append(List.of(admitB, carolModerates, fromBob, laterFromCarol, aliceAfter));
        store.append(List.of(toBob));
        assertThat(HiveState.digestOf(store.entities.values())).isEqualTo(after.stateDigest());
    }

    @Test
    void aClaimBeforeTheOwnerWasSilentForTheLimitIsRefusedAndChangesNothing() {
        Event ownerSpoke = Events.event("inst_a", 40 * DAY, new EventPayload.HiveSettingChanged("topic",
                JsonValue.of("x"), Events.agent("inst_a", "alice")));
        List<Event> base = List.of(admitB, ownerSpoke);

        assertChangesNothing(base, claim(40 * DAY + LIMIT - 1, B, B), AuthorityRule.OWNER_NOT_SILENT);
        assertChangesNothing(base, claim(80 * DAY, A, B), AuthorityRule.OWNER_NOT_SILENT);
        assertChangesNothing(base, claim(80 * DAY, B, C), AuthorityRule.NOT_ON_ROSTER);
    }

    @Test
    void aNewOwnerWithoutEventsOfItsOwnIsSilentOnlyFromTheHandoverOn() {
        Event toB = transfer(10 * DAY, A, B);

        assertChangesNothing(List.of(admitB, toB), claim(10 * DAY + LIMIT - 1, A, A), AuthorityRule.OWNER_NOT_SILENT);
        assertThat(project(admitB, toB, claim(10 * DAY + LIMIT, A, A)).roster().owner())
                .isEqualTo(new HiveOwner("inst_a", "agt_instance"));
    }

    @Test
    void ownershipMovesOnceEveryActiveNonOwnerMemberClaimedTheSameSuccessor() {
        Event admitC = change(11, A, "inst_c", RosterAction.ADMITTED);
        Event bClaims = claim(50 * DAY, B, B);
        Event cClaimsOther = claim(50 * DAY, C, C);
        Event cClaims = claim(51 * DAY, C, B);

        assertThat(project(admitB, admitC, bClaims).roster().owner()).as("one claim of two").isEqualTo(FOUNDER);
        assertThat(project(admitB, admitC, bClaims, cClaimsOther).roster().owner()).as("claims disagree")
                .isEqualTo(FOUNDER);
        HiveState moved = project(admitB, admitC, bClaims, cClaimsOther, cClaims);
        assertThat(moved.roster().owner()).isEqualTo(new HiveOwner("inst_b", "agt_instance"));
        assertThat(moved.roster().claims()).isEmpty();
    }

    @Test
    void anOwnerEventArrivingLateWithinTheLimitUndoesTheSuccessionEverywhere() {
        Event bClaims = claim(50 * DAY, B, B);
        Event ownerSpokeInTime = Events.event("inst_a", 30 * DAY, new EventPayload.HiveSettingChanged("topic",
                JsonValue.of("x"), Events.agent("inst_a", "alice")));

        assertThat(project(admitB, bClaims).roster().owner()).isEqualTo(new HiveOwner("inst_b", "agt_instance"));
        HiveState state = project(admitB, bClaims, ownerSpokeInTime);
        assertThat(state.roster().owner()).isEqualTo(FOUNDER);
        assertThat(ruleFor(state, bClaims)).contains(AuthorityRule.OWNER_NOT_SILENT);

        MaterializerProperties.Store store = new MaterializerProperties.Store(FOUNDER);
        store.append(List.of(admitB, bClaims));
        store.append(List.of(ownerSpokeInTime));
        assertThat(HiveState.digestOf(store.entities.values())).isEqualTo(state.stateDigest());
    }
}
