package org.hivemesh.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.hivemesh.application.consent.Governed.refused;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.fakes.ForeignInstance;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.sync.port.in.OversightChange;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase.ChangeGroupCommand;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.wire.RosterMessage;
import org.hivemesh.domain.consent.ApprovalStatus;
import org.hivemesh.domain.consent.MemberState;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.OversightPolicy;
import org.hivemesh.domain.consent.Roster;
import org.hivemesh.domain.consent.RosterMember;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The roster as an instance shows it, removing a member (a roster change: new approval rounds, its join used up),
 * and the roster replicated from the owner to the members. The roster here: the owner, a whole instance, a client.
 */
class RostersTest {
    private final Governed gov = new Governed();
    private final TestSync owner = gov.owner;
    private TestSync member;
    private ForeignInstance client;

    @BeforeEach
    void aRosterOfThree() {
        member = gov.admit("member");
        client = gov.admitClient();
        owner.rounds.syncWith(owner.peerOf(member).peerId());
    }

    private static RosterMessage roster(String... members) {
        return new RosterMessage(List.of(members), Optional.empty());
    }

    private List<RosterMember> view(TestSync at) {
        return at.consent.rosters.roster(gov.group).members();
    }

    private MemberState stateOf(TestSync at, String instanceId) {
        return view(at).stream().filter(m -> m.instanceId().equals(instanceId)).map(RosterMember::state).findFirst()
                .orElse(null);
    }

    @Test
    void theOwnerShowsActiveMembersOfflineWhileUnreachableAndJoinersInvitedWhileTheirPlanIsOpen() {
        ForeignInstance newcomer = gov.stranger();
        String planId = gov.askToJoin(newcomer);

        assertThat(view(owner)).extracting(RosterMember::instanceId, RosterMember::state).containsExactlyInAnyOrder(
                tuple(owner.id(), MemberState.ACTIVE), tuple(member.id(), MemberState.ACTIVE),
                tuple(client.instanceId, MemberState.ACTIVE), tuple(newcomer.instanceId, MemberState.INVITED));
        assertThat(stateOf(member, newcomer.instanceId)).as("only the owner knows how a join plan ends").isNull();

        gov.network.unplug(member.endpoint);
        String peerId = owner.peerOf(member).peerId();
        assertThatThrownBy(() -> owner.rounds.syncWith(peerId)).isInstanceOf(PeerTransport.PeerUnavailable.class);
        owner.rounds.recordFailure(peerId, "down");

        assertThat(stateOf(owner, member.id())).isEqualTo(MemberState.OFFLINE);
        assertThat(owner.consent.rosterLog.roster(gov.group).active()).as("offline is a view: the member still counts")
                .contains(member.id());
        assertThat(gov.plan(planId).round().waitingFor()).contains(member.id());

        owner.consent.decisions.reject(planId);
        gov.network.listen(member.endpoint, member.listener);
        owner.rounds.syncWith(peerId);

        assertThat(stateOf(owner, newcomer.instanceId)).isNull();
        assertThat(stateOf(owner, member.id())).isEqualTo(MemberState.ACTIVE);
    }

    @Test
    void membersTakeTheRosterTheOwnerSends() {
        assertThat(member.consent.rosterLog.roster(gov.group).active()).containsExactlyInAnyOrder(owner.id(), member.id(),
                client.instanceId);
        assertThat(member.consent.rosters.activeRoster(gov.group)).containsExactlyInAnyOrderElementsOf(
                owner.consent.rosters.activeRoster(gov.group));
    }

    @Test
    void removingAMemberStartsANewRoundForEveryOpenPlanAndUsesUpItsApprovedJoin() {
        ForeignInstance first = gov.stranger();
        ForeignInstance second = gov.stranger();
        String firstPlan = gov.askToJoin(first);
        String secondPlan = gov.askToJoin(second);
        owner.consent.decisions.approve(firstPlan);
        gov.answer(client, firstPlan, true);
        MergePlan clientsJoin = gov.joinPlanOf(client.instanceId);
        assertThat(clientsJoin.status()).isEqualTo(ApprovalStatus.APPROVED);
        owner.app.clock.advance(Duration.ofDays(3));
        int rostersSent = owner.transport.calls("sendRoster").size();

        owner.consent.rosters.removeMember(gov.group, client.instanceId);

        assertThat(owner.consent.rosterLog.roster(gov.group).active()).containsExactlyInAnyOrder(owner.id(), member.id());
        for (String planId : List.of(firstPlan, secondPlan)) {
            MergePlan renewed = gov.plan(planId);
            assertThat(renewed.status()).isEqualTo(ApprovalStatus.PENDING);
            assertThat(renewed.round().roster()).containsExactlyInAnyOrder(owner.id(), member.id());
            assertThat(renewed.round().approvals()).as("a roster change clears the approvals").isEmpty();
            assertThat(renewed.round().roundStartedAt()).isEqualTo(owner.app.clock.now());
            assertThat(renewed.round().expiresAt()).isEqualTo(owner.app.clock.now().plus(Duration.ofDays(30)));
        }
        assertThat(gov.plan(clientsJoin.planId()).status()).as("its join is used up").isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(owner.sync.findLink(gov.peerAtOwner(client.instanceId).peerId(), gov.group)).isEmpty();
        assertThat(gov.audited("roster_member_removed")).containsExactly("admin");
        assertThat(owner.transport.calls("sendRoster")).hasSize(rostersSent + 1);
        member.app.clock.advance(Duration.ofDays(3));
        owner.rounds.syncWith(owner.peerOf(member).peerId());
        assertThat(member.consent.rosterLog.roster(gov.group).active()).as("the removal reaches members in the log")
                .containsExactlyInAnyOrder(owner.id(), member.id());

        refused(() -> owner.exchange.events(gov.peerAtOwner(client.instanceId), gov.group, 0, 10, 0),
                HivemeshException.Kind.FORBIDDEN, "is not in group");
        gov.retryIsTurnedDown(client, clientsJoin.planId(), "join_expired");
        String rejoin = gov.askToJoinAgain(client);
        assertThat(rejoin).as("rejoining takes a new plan").isNotEqualTo(clientsJoin.planId());
        assertThat(gov.plan(rejoin).round().waitingFor()).containsExactlyInAnyOrder(owner.id(), member.id());
    }

    @Test
    void removingSomeoneNotOnTheRosterIsRefusedAndChangesNothing() {
        ForeignInstance invited = gov.stranger();
        gov.askToJoin(invited);
        Governed.State before = gov.state();
        int rostersSent = owner.transport.calls("sendRoster").size();

        refused(() -> owner.consent.rosters.removeMember(gov.group, invited.instanceId), HivemeshException.Kind.NOT_FOUND,
                invited.instanceId);
        refused(() -> owner.consent.rosters.removeMember(gov.group, "inst_nobody"), HivemeshException.Kind.NOT_FOUND,
                "inst_nobody");

        assertThat(gov.state()).isEqualTo(before);
        assertThat(owner.transport.calls("sendRoster")).hasSize(rostersSent);
    }

    @Test
    void theOwnersPolicyChangeReachesAMemberWithTheRosterOnTheNextRoundOnce() {
        OversightPolicy before = member.consent.oversight.of(gov.group);
        owner.groups.changeGroup(gov.group, new ChangeGroupCommand(Optional.empty(), Optional.of(new OversightChange(
                Optional.of(3L), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("roster")))));
        OversightPolicy changed = owner.consent.oversight.of(gov.group);
        assertThat(changed).isNotEqualTo(before);
        assertThat(member.consent.oversight.of(gov.group)).isEqualTo(before);
        int rostersSent = owner.transport.calls("sendRoster").size();

        owner.rounds.syncWith(owner.peerOf(member).peerId());
        owner.rounds.syncWith(owner.peerOf(member).peerId());

        assertThat(member.consent.oversight.of(gov.group)).isEqualTo(changed);
        assertThat(owner.transport.calls("sendRoster")).as("sent once for the change").hasSize(rostersSent + 1);
        assertThat(member.app.stores.audit().list(Optional.of(gov.group), 100)).filteredOn(r -> r.action()
                .equals("oversight_adopted")).singleElement().satisfies(r -> {
                    assertThat(r.actor()).isEqualTo(owner.id());
                    assertThat(r.details().number("max_deletes")).isEqualTo(3);
                });
    }

    @Test
    void aRosterIsTakenFromTheOwnerOnlyAndAnyOtherChangesNothing() {
        Governed.State atOwner = gov.state();
        OversightPolicy policy = owner.consent.oversight.of(gov.group);

        refused(() -> owner.consent.protocol.receiveRoster(gov.peerAtOwner(member.id()), gov.group,
                new RosterMessage(List.of(member.id()), Optional.of(OversightPolicy.NONE.withMaxDeletes(0)))),
                HivemeshException.Kind.FORBIDDEN, "only the owner of a governed group sends its roster");
        refused(() -> owner.consent.protocol.receiveRoster(gov.peerAtOwner(client.instanceId), gov.group, roster()),
                HivemeshException.Kind.FORBIDDEN, "only the owner");
        assertThatThrownBy(() -> member.transport.sendRoster(member.peerOf(owner).address(),
                member.peerOf(owner).outboundToken().orElseThrow(), gov.group, roster(member.id())))
                .isInstanceOfSatisfying(PeerTransport.PeerRefused.class, e -> assertThat(e.status()).isEqualTo(403));

        assertThat(gov.state()).isEqualTo(atOwner);
        assertThat(owner.consent.oversight.of(gov.group)).isEqualTo(policy);
    }

    @Test
    void onceTheLogHoldsTheRosterARosterMessageChangesNothingOfIt() {
        Roster logged = member.consent.rosterLog.roster(gov.group);
        String digest = member.digest(gov.group);

        member.consent.protocol.receiveRoster(member.peerOf(owner), gov.group, roster(owner.id(), member.id(), "inst_new"));

        assertThat(member.consent.rosterLog.roster(gov.group)).isEqualTo(logged);
        assertThat(member.consent.rosters.activeRoster(gov.group)).doesNotContain("inst_new")
                .containsExactlyInAnyOrder(owner.id(), member.id(), client.instanceId);
        assertThat(member.digest(gov.group)).isEqualTo(digest);
    }

    @Test
    void aMemberThatMissedARosterChangeGetsItOnTheNextRoundAndOnlyOnce() {
        gov.network.unplug(member.endpoint);

        owner.consent.rosters.removeMember(gov.group, client.instanceId);

        assertThat(member.consent.rosterLog.roster(gov.group).active()).contains(client.instanceId);
        gov.network.listen(member.endpoint, member.listener);
        int rostersSent = owner.transport.calls("sendRoster").size();

        owner.rounds.syncWith(owner.peerOf(member).peerId());
        owner.rounds.syncWith(owner.peerOf(member).peerId());

        assertThat(member.consent.rosterLog.roster(gov.group).active()).containsExactlyInAnyOrder(owner.id(), member.id());
        assertThat(owner.transport.calls("sendRoster")).hasSize(rostersSent + 1);
    }
}
