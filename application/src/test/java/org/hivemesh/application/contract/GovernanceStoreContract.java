package org.hivemesh.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.consent.port.out.ConsentStore.CadenceState;
import org.hivemesh.application.consent.port.out.ConsentStore.PlanRecord;
import org.hivemesh.application.consent.port.out.ConsentStore.RosterMember;
import org.hivemesh.application.hub.port.out.HubStore.ClientRegistration;
import org.hivemesh.application.hub.port.out.HubStore.SwarmRecord;
import org.hivemesh.domain.consent.Cadence;
import org.hivemesh.domain.event.JsonValue.JsonObject;
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
        stores().consent().saveRosterMember(new RosterMember(group, "inst_a", "active", since));
        stores().consent().saveRosterMember(new RosterMember(group, "inst_b", "active", since.plusSeconds(1)));
        stores().consent().saveRosterMember(new RosterMember(group, "inst_a", "pruned", since.plusSeconds(5)));
        stores().consent().removeRosterMember(group, "inst_b");

        assertThat(stores().consent().roster(group)).containsExactly(new RosterMember(group, "inst_a", "pruned", since));
    }

    @Test
    void plansAreReplacedByIdAndListedPerGroup() {
        String group = unique("grp_p");
        PlanRecord plan = new PlanRecord(unique("plan_"), group, "inst_c", "join",
                JsonObject.builder().put("kind", "join").build(), JsonObject.builder().put("status", "pending").build(),
                "pending", now());
        stores().consent().savePlan(plan);
        PlanRecord approved = new PlanRecord(plan.planId(), group, "inst_c", "join", plan.plan(),
                JsonObject.builder().put("status", "approved").build(), "approved", plan.createdAt());
        stores().consent().savePlan(approved);

        assertThat(stores().consent().plan(plan.planId())).contains(approved);
        assertThat(stores().consent().plans(group)).containsExactly(approved);
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
