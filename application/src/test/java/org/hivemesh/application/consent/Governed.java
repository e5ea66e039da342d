package org.hivemesh.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hivemesh.application.consent.port.out.ConsentStore.Notification;
import org.hivemesh.application.fakes.ForeignInstance;
import org.hivemesh.application.fakes.InMemoryPeerTransport;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.AuditLog.AuditRecord;
import org.hivemesh.application.sync.port.in.JoinResult;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.HandshakeReply;
import org.hivemesh.application.sync.port.wire.HandshakeRequest;
import org.hivemesh.domain.consent.Approval;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.Roster;

/**
 * A governed hive "gov" shared by {@link #owner}, and the members it admits: whole instances on the in-memory network,
 * or bare clients (keys, no endpoint) that answer with signed approvals. Every admission goes through the use cases.
 */
final class Governed {
    static final String HIVE = "gov";

    final InMemoryPeerTransport.Network network = new InMemoryPeerTransport.Network();
    final TestSync.Settings settings;
    final TestSync owner;
    final String group;
    private final List<TestSync> instances = new ArrayList<>();
    private final List<ForeignInstance> clients = new ArrayList<>();

    Governed() {
        this(TestSync.Settings.defaults());
    }

    Governed(TestSync.Settings settings) {
        this.settings = settings;
        this.owner = new TestSync("owner", network, settings);
        this.group = owner.govern(HIVE);
    }

    /** Another instance on the network, not a member yet. */
    TestSync instance(String name) {
        return new TestSync(name, network, settings);
    }

    /** A joiner with its own keys but no endpoint: it handshakes as a client and is never called back. */
    ForeignInstance stranger() {
        return new ForeignInstance(owner.app.signatures);
    }

    HandshakeReply handshake(ForeignInstance joiner) {
        return owner.handshakeService.accept(new HandshakeRequest(HIVE, joiner.instanceId, joiner.keyHex(), null, null),
                joiner.instanceId);
    }

    /** The joiner's admin asks again after its last plan was rejected or expired; returns the new plan. */
    String askToJoinAgain(ForeignInstance joiner) {
        HivemeshException pending = refused(() -> owner.handshakeService.accept(new HandshakeRequest(HIVE,
                joiner.instanceId, joiner.keyHex(), null, null, true), joiner.instanceId), HivemeshException.Kind.CONFLICT,
                "waits for");
        assertThat(pending.code()).isEqualTo("approval_pending");
        return joinPlanOf(joiner.instanceId).planId();
    }

    /** The joiner's own retry after its plan ended is refused, names that plan, and opens none. */
    void retryIsTurnedDown(ForeignInstance joiner, String planId, String code) {
        State before = state();
        HivemeshException refusal = refused(() -> handshake(joiner), HivemeshException.Kind.FORBIDDEN, planId);
        assertThat(refusal.code()).isEqualTo(code);
        assertThat(refusal.details()).containsEntry("plan_id", planId);
        assertThat(state()).isEqualTo(before);
    }

    /** The joiner's handshake is held for approval; returns the plan it waits for. */
    String askToJoin(ForeignInstance joiner) {
        HivemeshException pending = refused(() -> handshake(joiner), HivemeshException.Kind.CONFLICT, "waits for");
        assertThat(pending.code()).isEqualTo("approval_pending");
        return joinPlanOf(joiner.instanceId).planId();
    }

    String askToJoin(TestSync joiner) {
        JoinResult pending = joiner.join(owner, HIVE);
        String planId = joinPlanOf(joiner.id()).planId();
        assertThat(pending).isInstanceOfSatisfying(JoinResult.AwaitingApproval.class,
                waiting -> assertThat(waiting.planId()).isEqualTo(planId));
        return planId;
    }

    /** The owner's latest join plan for this instance, as stored. */
    MergePlan joinPlanOf(String instanceId) {
        return owner.consent.store.plans(group).stream().filter(p -> p.isJoinOf(instanceId)).reduce((a, b) -> b)
                .orElseThrow();
    }

    MergePlan plan(String planId) {
        return owner.consent.store.plan(planId).orElseThrow();
    }

    /** A member's signed answer, as its instance would sign it. */
    Approval signed(ForeignInstance member, String planId, boolean approve) {
        return signedBy(member, member.instanceId, planId, approve);
    }

    /** An answer in {@code member}'s name, signed with {@code signer}'s key. */
    Approval signedBy(ForeignInstance signer, String member, String planId, boolean approve) {
        byte[] signature = owner.app.signatures.sign(signer.keys.privateKey(),
                Approval.signingBytes(group, planId, member, approve));
        return new Approval(group, planId, member, approve, HexFormat.of().formatHex(signature));
    }

    /** A client member's answer reaching the owner: its sync session is the proven caller. */
    void answer(ForeignInstance member, String planId, boolean approve) {
        owner.consent.protocol.receiveApproval(peerAtOwner(member.instanceId), signed(member, planId, approve));
    }

    PeerRecord peerAtOwner(String instanceId) {
        return owner.sync.peerByInstance(instanceId).orElseThrow();
    }

    /** Every member the plan waits for approves it, each from where it answers. */
    void approveByEveryone(String planId) {
        for (String member : plan(planId).round().waitingFor()) {
            if (member.equals(owner.id())) {
                owner.consent.decisions.approve(planId);
                continue;
            }
            Optional<TestSync> instance = instances.stream().filter(i -> i.id().equals(member)).findFirst();
            if (instance.isPresent()) {
                instance.get().consent.decisions.approve(planId);
            } else {
                answer(clients.stream().filter(c -> c.instanceId.equals(member)).findFirst().orElseThrow(), planId, true);
            }
        }
    }

    /** Asks, is approved by the whole roster, is admitted on its next handshake, then gets the roster. */
    ForeignInstance admitClient() {
        ForeignInstance joiner = stranger();
        approveByEveryone(askToJoin(joiner));
        handshake(joiner);
        clients.add(joiner);
        return joiner;
    }

    TestSync admit(String name) {
        TestSync joiner = instance(name);
        approveByEveryone(askToJoin(joiner));
        joiner.join(owner, HIVE);
        owner.rounds.syncWith(owner.peerOf(joiner).peerId());
        joiner.rounds.syncWith(joiner.peerOf(owner).peerId());
        instances.add(joiner);
        return joiner;
    }

    /** What consent and admission write at an instance, to show a refusal wrote none of it. */
    record State(List<MergePlan> plans, Roster roster, List<Notification> notifications, List<AuditRecord> audit,
                 List<PeerLink> links, List<PeerRecord> peers) {
    }

    State state(TestSync at) {
        return new State(at.consent.store.plans(group), at.consent.rosterLog.roster(group),
                at.consent.store.notifications(group), at.app.stores.audit().list(Optional.empty(), 10_000),
                at.sync.linksOfGroup(group), at.sync.peers());
    }

    State state() {
        return state(owner);
    }

    List<String> audited(String action) {
        return owner.app.stores.audit().list(Optional.of(group), 10_000).stream().filter(r -> r.action().equals(action))
                .map(AuditRecord::actor).toList();
    }

    List<AuditRecord> auditOf(String action) {
        return owner.app.stores.audit().list(Optional.of(group), 10_000).stream().filter(r -> r.action().equals(action))
                .toList();
    }

    static HivemeshException refused(ThrowingCallable call, HivemeshException.Kind kind, String message) {
        List<HivemeshException> caught = new ArrayList<>();
        assertThatThrownBy(call).isInstanceOfSatisfying(HivemeshException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(message);
            caught.add(e);
        });
        return caught.get(0);
    }
}
