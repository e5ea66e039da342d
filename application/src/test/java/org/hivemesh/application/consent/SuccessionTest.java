package org.hivemesh.application.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.sync.HandshakeService;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.OwnerSuccessionClaimed;
import org.hivemesh.domain.hive.HiveOwner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ownership moves to the roster's successor once the owner instance has been silent for owner_silence_limit. */
class SuccessionTest {
    /** Sync tokens outlive the silence here, so the rounds after it need no new handshake. */
    private final Governed gov = new Governed(TestSync.Settings.defaults().with(
            new HandshakeService.Settings(Duration.ofDays(90), HandshakeService.Settings.DEFAULT_MAX_PEERS_PER_GROUP)));
    private final TestSync owner = gov.owner;
    private TestSync b;
    private TestSync c;
    private HiveOwner successor;

    @BeforeEach
    void anOwnerAndTwoMembers() {
        b = gov.admit("b");
        c = gov.admit("c");
        owner.rounds.syncWith(owner.peerOf(b).peerId());
        successor = new HiveOwner(new TreeSet<>(List.of(b.id(), c.id())).first(), RosterLog.INSTANCE_AGENT);
    }

    private void everyoneSyncs() {
        for (TestSync member : List.of(b, c)) {
            member.rounds.syncWith(member.peerOf(owner).peerId());
            owner.rounds.syncWith(owner.peerOf(member).peerId());
        }
        b.rounds.syncWith(b.peerOf(owner).peerId());
    }

    private void daysPass(long days) {
        for (TestSync at : List.of(owner, b, c)) {
            at.app.clock.advance(Duration.ofDays(days));
        }
    }

    private HiveOwner ownerAt(TestSync at) {
        return at.consent.rosterLog.owner(gov.group);
    }

    @Test
    void aPrematureClaimIsNotMadeAndAForcedOneIsRefusedWithNothingChanged() {
        daysPass(29);
        String digest = b.digest(gov.group);
        long events = b.app.stores.events().count(gov.group);

        assertThat(b.consent.succession.claimIfSilent(gov.group)).isEmpty();
        Governed.refused(() -> b.app.stores.transactions().inTransaction(() -> b.consent.rosterLog.change(gov.group,
                new OwnerSuccessionClaimed(new AgentRef(b.id(), "instance", "instance"), Duration.ofDays(30).toMillis(),
                        b.consent.rosterLog.agent()))), HivemeshException.Kind.FORBIDDEN, "owner_not_silent");

        assertThat(b.digest(gov.group)).isEqualTo(digest);
        assertThat(b.app.stores.events().count(gov.group)).isEqualTo(events);
        assertThat(ownerAt(b)).isEqualTo(new HiveOwner(owner.id(), ownerAt(owner).agentId()));
    }

    @Test
    void afterTheLimitTheRoundsClaimAndEveryMemberReachesTheSameSuccessor() {
        HiveOwner founder = ownerAt(owner);
        daysPass(31);

        everyoneSyncs();
        assertThat(b.consent.succession.claimIfSilent(gov.group)).as("claimed once, on a round").isEmpty();
        everyoneSyncs();

        for (TestSync at : List.of(owner, b, c)) {
            assertThat(ownerAt(at)).as("at " + at.id()).isEqualTo(successor).isNotEqualTo(founder);
        }
        assertThat(List.of(owner.digest(gov.group), b.digest(gov.group))).containsOnly(c.digest(gov.group));
        assertThat(gov.audited("owner_succession_claimed")).isEmpty();
        assertThat(b.app.stores.audit().list(Optional.of(gov.group), 100)).anySatisfy(r ->
                assertThat(r.action()).isEqualTo("owner_succession_claimed"));
    }

    @Test
    void oneMembersClaimAloneMovesNothing() {
        daysPass(31);

        assertThat(b.consent.succession.claimIfSilent(gov.group)).contains(successor);
        b.rounds.syncWith(b.peerOf(owner).peerId());

        assertThat(ownerAt(b)).isNotEqualTo(successor);
        assertThat(ownerAt(owner)).isNotEqualTo(successor);
        assertThat(owner.consent.rosterLog.view(gov.group).claims()).containsEntry(b.id(), successor);
    }

    @Test
    void afterATransferTheNewOwnerIsNotSilentThoughItWroteNothingYet() {
        HiveOwner toB = owner.consent.rosters.transferOwnership(gov.group, b.id(), Optional.empty());
        everyoneSyncs();
        daysPass(29);

        everyoneSyncs();

        assertThat(owner.consent.succession.claimIfSilent(gov.group)).isEmpty();
        for (TestSync at : List.of(owner, b, c)) {
            assertThat(ownerAt(at)).as("at " + at.id()).isEqualTo(toB);
        }
        assertThat(toB).isEqualTo(new HiveOwner(b.id(), RosterLog.INSTANCE_AGENT));
    }
}
