package org.hivemesh.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.application.consent.port.out.ConsentStore.CadenceState;
import org.hivemesh.application.hub.port.out.HubStore.ClientRegistration;
import org.hivemesh.application.hub.port.out.HubStore.SwarmRecord;
import org.hivemesh.domain.consent.ApprovalRound;
import org.hivemesh.domain.consent.ApprovalStatus;
import org.hivemesh.domain.consent.Cadence;
import org.hivemesh.domain.consent.MemberState;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.PlanConflict;
import org.hivemesh.domain.consent.PlanSummary;
import org.hivemesh.domain.consent.Roster;
import org.hivemesh.domain.consent.RosterMember;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.testing.Events;
import org.junit.jupiter.api.Test;

/** The consent and hub parts of the storage contract, for every backend. */
public abstract class GovernanceStoreContract extends SyncStoreContract {
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void rosterMembersKeepTheirSinceAndChangeState() {
        String group = unique("grp_r");
        Instant since = now();
        stores().consent().saveRosterMember(group, new RosterMember("inst_a", MemberState.ACTIVE, since));
        stores().consent().saveRosterMember(group, new RosterMember("inst_b", MemberState.ACTIVE, since.plusSeconds(1)));
        stores().consent().saveRosterMember(group, new RosterMember("inst_a", MemberState.OFFLINE, since.plusSeconds(5)));
        stores().consent().removeRosterMember(group, "inst_b");

        assertThat(stores().consent().roster(group))
                .isEqualTo(new Roster(group, List.of(new RosterMember("inst_a", MemberState.OFFLINE, since))));
        assertThat(stores().consent().roster(unique("grp_none")).members()).isEmpty();
    }

    private static MergePlan plan(String group, MergeKind kind, PlanSummary summary) {
        String planId = unique("plan_");
        return new MergePlan(planId, group, kind, summary, ApprovalRound.open(planId, Set.of("inst_a", "inst_b"), false,
                now()), now());
    }

    @Test
    void plansOfEveryKindRoundTripAndAreReplacedById() {
        String group = unique("grp_p");
        PlanSummary summary = new PlanSummary("event-union", 3, 0, 2, 1,
                List.of(new PlanConflict("post:p1", "ev_1", "LWW per field by (HLC, event ID)")), 1, 0, 1,
                List.of("contradicting decisions"));
        Event held = Events.event(group, "inst_c", new Hlc(7000, 0), new EventPayload.PostCreated("held",
                Optional.empty(), Optional.empty(), Events.agent("inst_c", "carol")));
        MergePlan join = plan(group, new MergeKind.Join("inst_c"), PlanSummary.join("event-union", 12, List.of()));
        MergePlan merge = plan(group, new MergeKind.ContentMerge("peer_1", List.of(held)), summary);
        MergePlan remote = plan(group, new MergeKind.Remote("inst_d", "inst_a"), summary);
        List.of(join, merge, remote).forEach(stores().consent()::savePlan);
        MergePlan approved = join.withRound(join.round().approve("inst_a", now()).record()
                .approve("inst_b", now()).record());
        stores().consent().savePlan(approved);

        assertThat(stores().consent().plan(join.planId())).contains(approved);
        assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(stores().consent().plans(group)).containsExactlyInAnyOrder(approved, merge, remote);
        assertThat(stores().consent().plan(merge.planId()).orElseThrow().heldEvents()).containsExactly(held.id());
        assertThat(stores().consent().plans(unique("grp_other"))).isEmpty();
    }

    @Test
    void cadenceRoundTrips() {
        String group = unique("grp_c");
        CadenceState state = new CadenceState(group, new Cadence(Cadence.Mode.NIGHTLY, LocalTime.of(3, 30)),
                Optional.of(now()), Optional.empty(), Optional.of(now().plusSeconds(2)));
        stores().consent().saveCadence(state);

        assertThat(stores().consent().cadence(group)).contains(state);
        assertThat(stores().consent().cadence(unique("grp_none"))).isEmpty();
    }

    @Test
    void swarmsAreFoundByIdInstanceAndTokenAndShareHives() {
        String hive = unique("hive");
        SwarmRecord one = new SwarmRecord(unique("swm_"), "one", unique("inst_"), "ab", "http://one/sync/v1",
                List.of("hive_sync", "sync_endpoint"), unique("hash"), now(), now());
        SwarmRecord two = new SwarmRecord(unique("swm_"), "two", unique("inst_"), "cd", "http://two/sync/v1",
                List.of("hive_sync", "sync_endpoint"), unique("hash"), now(), now());
        stores().hub().saveSwarm(one);
        stores().hub().saveSwarm(two);
        stores().hub().joinHive(one.swarmId(), hive, now());
        stores().hub().joinHive(two.swarmId(), hive, now());
        stores().hub().joinHive(two.swarmId(), hive, now());
        stores().hub().leaveHive(one.swarmId(), hive);

        assertThat(stores().hub().swarm(one.swarmId())).contains(one);
        assertThat(stores().hub().swarmByInstance(two.instanceId())).contains(two);
        assertThat(stores().hub().swarmByToken(two.tokenHash())).contains(two);
        assertThat(stores().hub().membersOf(hive)).containsExactly(two.swarmId());
        assertThat(stores().hub().hivesOf(two.swarmId())).containsExactly(hive);
    }

    @Test
    void registrationKeysAndClientRegistrationsAreKept() {
        String key = unique("keyhash");
        String hubUrl = "http://" + unique("hub");
        stores().hub().addRegistrationKey(key, now());
        stores().hub().saveClientRegistration(new ClientRegistration(hubUrl, "swm_1", "t1"));
        stores().hub().saveClientRegistration(new ClientRegistration(hubUrl, "swm_1", "t2"));

        assertThat(stores().hub().registrationKeyExists(key)).isTrue();
        assertThat(stores().hub().registrationKeyExists(unique("other"))).isFalse();
        assertThat(stores().hub().clientRegistration(hubUrl)).contains(new ClientRegistration(hubUrl, "swm_1", "t2"));
        stores().hub().deleteClientRegistration(hubUrl);
        assertThat(stores().hub().clientRegistration(hubUrl)).isEmpty();
    }
}
