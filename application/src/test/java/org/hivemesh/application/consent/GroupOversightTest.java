package org.hivemesh.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hivemesh.application.consent.Governed.refused;

import java.util.Optional;
import org.hivemesh.application.fakes.InMemoryPeerTransport;
import org.hivemesh.application.fakes.TestConsent;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.sync.port.in.OversightChange;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase.ChangeGroupCommand;
import org.hivemesh.domain.consent.ApprovalStatus;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.OversightBy;
import org.hivemesh.domain.consent.OversightPolicy;
import org.junit.jupiter.api.Test;

/**
 * The oversight policy belongs to the group: it starts from the instance's configuration, the admin changes it per
 * group, joiners take it in the handshake, and it decides which merges wait for oversight.
 */
class GroupOversightTest {
    private static final OversightPolicy CONFIGURED = new OversightPolicy(5, false, false, false, OversightBy.ADMIN);

    private static OversightChange change(Optional<Long> maxDeletes, Optional<String> by) {
        return new OversightChange(maxDeletes, Optional.empty(), Optional.empty(), Optional.empty(), by);
    }

    private static ChangeGroupCommand oversight(OversightChange change) {
        return new ChangeGroupCommand(Optional.empty(), Optional.of(change));
    }

    private final InMemoryPeerTransport.Network network = new InMemoryPeerTransport.Network();
    private final TestSync.Settings settings = TestSync.Settings.defaults().with(TestConsent.Settings.defaults()
            .with(CONFIGURED));
    private final TestSync owner = new TestSync("owner", network, settings);

    @Test
    void aGroupStartsWithTheConfiguredPolicyAndTheAdminChangesItForThatGroupOnly() {
        String lab = owner.share("lab");
        String ops = owner.share("ops");

        var changed = owner.groups.changeGroup(lab, oversight(new OversightChange(Optional.of(0L), Optional.of(true),
                Optional.empty(), Optional.of(true), Optional.of("roster"))));

        OversightPolicy expected = new OversightPolicy(0, true, false, true, OversightBy.ROSTER);
        assertThat(changed.oversight()).isEqualTo(expected);
        assertThat(owner.groups.group(lab).oversight()).isEqualTo(expected);
        assertThat(owner.groups.group(ops).oversight()).isEqualTo(CONFIGURED);
        assertThat(owner.app.stores.audit().list(Optional.of(lab), 100)).filteredOn(r -> r.action()
                .equals("oversight_changed")).singleElement().satisfies(r -> assertThat(r.details().string("by"))
                .isEqualTo("roster"));
        owner.groups.changeGroup(lab, oversight(change(Optional.of((long) OversightPolicy.UNLIMITED), Optional.empty())));
        assertThat(owner.groups.group(lab).oversight()).isEqualTo(expected.withMaxDeletes(OversightPolicy.UNLIMITED));
    }

    @Test
    void anInvalidSettingIsRefusedNamingItAndChangesNeitherThePolicyNorTheMethod() {
        String lab = owner.share("lab");
        long auditBefore = owner.app.stores.audit().list(Optional.empty(), 10_000).size();

        refused(() -> owner.groups.changeGroup(lab, oversight(change(Optional.of(-1L), Optional.empty()))),
                HivemeshException.Kind.INVALID, "oversight.max_deletes must be between 0 and 2147483647");
        refused(() -> owner.groups.changeGroup(lab, oversight(change(Optional.of(3_000_000_000L), Optional.empty()))),
                HivemeshException.Kind.INVALID, "oversight.max_deletes");
        refused(() -> owner.groups.changeGroup(lab, oversight(change(Optional.of(1L), Optional.of("owner")))),
                HivemeshException.Kind.INVALID, "oversight.by must be 'admin' or 'roster', got 'owner'");
        refused(() -> owner.groups.changeGroup(lab, oversight(change(Optional.empty(), Optional.empty()))),
                HivemeshException.Kind.INVALID, "names no setting");
        refused(() -> owner.groups.changeGroup(lab, new ChangeGroupCommand(Optional.of("owner-wins"),
                Optional.of(change(Optional.of(-1L), Optional.empty())))), HivemeshException.Kind.INVALID,
                "max_deletes");
        refused(() -> owner.groups.changeGroup(lab, new ChangeGroupCommand(Optional.empty(), Optional.empty())),
                HivemeshException.Kind.INVALID, "method, the oversight policy or both");

        assertThat(owner.groups.group(lab).oversight()).isEqualTo(CONFIGURED);
        assertThat(owner.groups.group(lab).group().method()).isEqualTo("event-union");
        assertThat(owner.app.stores.audit().list(Optional.empty(), 10_000)).hasSize((int) auditBefore);
    }

    @Test
    void aJoinerTakesTheGroupsPolicyInTheHandshakeAndTheOwnersLaterChangeAtItsNextHandshake() {
        String lab = owner.share("lab");
        owner.groups.changeGroup(lab, oversight(change(Optional.of(2L), Optional.of("roster"))));
        TestSync member = new TestSync("member", network, TestSync.Settings.defaults());

        member.join(owner, "lab");

        assertThat(member.groups.group(lab).oversight()).isEqualTo(owner.groups.group(lab).oversight())
                .isEqualTo(CONFIGURED.withMaxDeletes(2).withBy(OversightBy.ROSTER));
        owner.groups.changeGroup(lab, oversight(change(Optional.of(7L), Optional.of("admin"))));
        member.join(owner, "lab");
        assertThat(member.groups.group(lab).oversight()).isEqualTo(CONFIGURED.withMaxDeletes(7));
    }

    @Test
    void theGroupsPolicyNotTheInstancesDecidesWhatWaitsForOversight() {
        Governed gov = new Governed();
        TestSync member = gov.admit("member");
        String post = member.post(Governed.HIVE, "to be deleted");
        member.rounds.syncWith(member.peerOf(gov.owner).peerId());
        gov.owner.groups.changeGroup(gov.group, oversight(new OversightChange(Optional.of(0L), Optional.empty(),
                Optional.empty(), Optional.of(true), Optional.empty())));

        member.deletePost(post);
        member.rounds.syncWith(member.peerOf(gov.owner).peerId());

        assertThat(gov.owner.consent.store.plans(gov.group)).filteredOn(p -> p.kind() instanceof MergeKind.ContentMerge)
                .singleElement().satisfies(p -> {
                    assertThat(p.status()).isEqualTo(ApprovalStatus.AWAITING_OVERSIGHT);
                    assertThat(p.summary().oversightTriggers()).containsExactly("1 deletes (more than 0)");
                });
        String joinPlan = gov.askToJoin(gov.instance("late"));
        assertThat(gov.plan(joinPlan).summary().oversightTriggers()).containsExactly("every join (oversight_on_join)");
    }
}
