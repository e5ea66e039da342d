package org.hivemesh.application.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.hivemesh.application.consent.port.in.ConsentProtocolUseCases;
import org.hivemesh.application.consent.port.in.ConsentUseCases;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.consent.port.out.ConsentStore.PlanRecord;
import org.hivemesh.application.consent.port.out.ConsentStore.RosterMember;
import org.hivemesh.application.content.EventWriter;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.shared.Secrets;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.AuditLog;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.port.out.GovernanceView;
import org.hivemesh.application.sync.port.out.JoinGate;
import org.hivemesh.application.sync.port.out.MergeGate;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.RosterDelivery;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.consent.HandshakeRecord;
import org.hivemesh.domain.consent.HandshakeStatus;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.PeerStatus;

/**
 * Consent before a merge (canvas seed) for groups with {@code consent: roster}: a join opens a merge plan that the
 * whole roster must approve; silent members are pruned after the pruning delay; a roster change opens a new round.
 */
public final class ConsentService implements ConsentUseCases, ConsentProtocolUseCases, JoinGate, MergeGate,
        RosterDelivery, GovernanceView {
    private static final System.Logger LOG = System.getLogger(ConsentService.class.getName());

    private final ConsentStore store;
    private final SyncStore sync;
    private final EventStore events;
    private final StateStore state;
    private final Transactions transactions;
    private final AuditLog audit;
    private final Clock clock;
    private final InstanceIdentity self;
    private final Duration pruneAfter;
    private final boolean oversightOnJoin;
    private final PeerTransport transport;
    private final Signatures signatures;
    private final CadenceService cadence;
    private final EventWriter writer;
    private final org.hivemesh.application.content.port.out.HiveStore hives;
    private final MergePlanner planner;
    /** The roster each member last acknowledged, by group and member; lost on restart, which only costs a resend. */
    private final Map<String, List<String>> rosterDelivered = new ConcurrentHashMap<>();

    public ConsentService(ConsentStore store, SyncStore sync, EventStore events, StateStore state,
                          Transactions transactions, AuditLog audit, Clock clock, InstanceIdentity self,
                          Duration pruneAfter, boolean oversightOnJoin, PeerTransport transport, Signatures signatures,
                          CadenceService cadence, EventWriter writer, org.hivemesh.application.content.port.out.HiveStore hives,
                          MergePlanner planner) {
        this.planner = planner;
        this.cadence = cadence;
        this.writer = writer;
        this.hives = hives;
        this.transport = transport;
        this.signatures = signatures;
        this.store = store;
        this.sync = sync;
        this.events = events;
        this.state = state;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.self = self;
        this.pruneAfter = pruneAfter;
        this.oversightOnJoin = oversightOnJoin;
    }

    /** What to do with a join handshake to a governed group. */
    public sealed interface Admission permits Admit, Pending {
    }

    public record Admit(Optional<PlanRecord> plan) implements Admission {
    }

    public record Pending(PlanRecord plan, Set<String> waitingFor) implements Admission {
    }

    @Override
    public JoinGate.Decision decide(SyncGroup group, String joiner, int maxPeers) {
        if (admitOrPlan(group, joiner, maxPeers) instanceof Pending pending) {
            return new JoinGate.Pending(pending.plan().planId(), pending.waitingFor());
        }
        return new JoinGate.Admitted();
    }

    @Override
    public void opened(SyncGroup group) {
        openRoster(group);
    }

    @Override
    public List<String> activeRoster(String groupId) {
        return List.copyOf(activeRosterSet(groupId));
    }

    @Override
    public int pendingPlans(String groupId) {
        return (int) store.plans(groupId).stream()
                .filter(p -> p.status().equals("pending") || p.status().equals("awaiting_oversight")).count();
    }

    @Override
    public List<Event> mergeNow(org.hivemesh.application.content.port.out.HiveRecord hive, String peerId,
                                List<Event> verified) {
        boolean governed = sync.group(hive.groupId()).map(g -> g.consent() == Consent.ROSTER).orElse(false);
        if (!governed) {
            return verified;
        }
        // Events already held in an open plan are merged by that plan only, whichever way they arrive again.
        List<Event> unstaged = notYetStaged(hive.groupId(), verified);
        MergePlanner.Plan plan = planner.plan(hive, "merge", peerId, unstaged);
        if (plan.requiresOversight()) {
            // Held back, not lost: the plan keeps the events until an admin approves or rejects the merge.
            stage(hive.groupId(), peerId, plan, unstaged);
            return List.of();
        }
        return unstaged;
    }

    @Override
    public void beforeRound(SyncStore.PeerRecord member, String groupId) {
        shareRoster(member, groupId);
    }

    private void requireLink(SyncStore.PeerRecord peer, String groupId) {
        if (sync.group(groupId).isEmpty()) {
            throw HivemeshException.notFound("sync_group", groupId);
        }
        if (sync.findLink(peer.peerId(), groupId).isEmpty()) {
            throw HivemeshException.forbidden("peer " + peer.instanceId().orElse(peer.peerId()) + " is not in group " + groupId);
        }
    }

    public void openRoster(SyncGroup group) {
        store.saveRosterMember(new RosterMember(group.groupId(), self.instanceId(), "active", clock.now()));
    }

    private Set<String> activeRosterSet(String groupId) {
        return store.roster(groupId).stream().filter(m -> m.state().equals("active")).map(RosterMember::instanceId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Members are admitted at once; anyone else gets (or resumes) a merge plan that must be approved first.
     * {@code maxPeers} bounds the peers linked here plus the open join plans, so strangers cannot open plans
     * without end (max_peers_per_group).
     */
    public Admission admitOrPlan(SyncGroup group, String joiner, int maxPeers) {
        if (activeRosterSet(group.groupId()).contains(joiner)) {
            return new Admit(Optional.empty());
        }
        if (!group.ownerInstanceId().equals(self.instanceId())) {
            throw HivemeshException.forbidden("'" + group.hiveName() + "' is a governed group: newcomers join through its "
                    + "owner " + group.ownerInstanceId());
        }
        return transactions.inTransaction(() -> {
            Optional<PlanRecord> open = store.plans(group.groupId()).stream()
                    .filter(p -> p.peerInstanceId().equals(joiner) && !HandshakeStatus.fromWire(p.status()).isFinal()
                            || p.peerInstanceId().equals(joiner) && p.status().equals("approved"))
                    .reduce((first, second) -> second);
            PlanRecord plan = open.map(this::tick).orElseGet(() -> newJoinPlan(group, joiner, maxPeers));
            HandshakeStatus status = HandshakeStatus.fromWire(plan.status());
            if (status == HandshakeStatus.APPROVED) {
                admit(group, plan, joiner);
                return new Admit(Optional.of(plan));
            }
            if (status.isFinal()) {
                return new Pending(newJoinPlan(group, joiner, maxPeers), activeRosterSet(group.groupId()));
            }
            return new Pending(plan, records(plan).waitingFor());
        });
    }

    private PlanRecord newJoinPlan(SyncGroup group, String joiner, int maxPeers) {
        long openJoins = store.plans(group.groupId()).stream()
                .filter(p -> p.kind().equals("join") && !HandshakeStatus.fromWire(p.status()).isFinal()).count();
        if (sync.linksOfGroup(group.groupId()).size() + openJoins >= maxPeers) {
            throw HivemeshException.forbidden("group " + group.groupId() + " already has " + maxPeers + " peers and open "
                    + "join plans, the most this instance admits (max_peers_per_group)");
        }
        Instant now = clock.now();
        String planId = Secrets.id("plan_");
        HandshakeRecord record = HandshakeRecord.open(planId, activeRosterSet(group.groupId()), oversightOnJoin, now);
        JsonObject plan = JsonObject.builder().put("kind", "join").put("peer_instance_id", joiner)
                .put("method", group.method()).put("incoming_events", 0).put("outgoing_events", events.count(group.groupId()))
                .putArray("conflicts", List.of()).put("entities_changed", 0).put("requires_oversight", oversightOnJoin)
                .putArray("oversight_triggers", oversightOnJoin ? List.of(JsonValue.of("every join (oversight_on_join)")) : List.of())
                .build();
        PlanRecord created = new PlanRecord(planId, group.groupId(), joiner, "join", plan, toJson(record),
                record.status().wire(), now);
        store.savePlan(created);
        audit.record(new AuditLog.AuditRecord(Secrets.id("aud_"), now, "merge_plan_opened", Optional.of(group.groupId()),
                joiner, JsonObject.builder().put("plan_id", planId).put("plan", plan).build()));
        transactions.afterCommit(() -> propose(created));
        return created;
    }

    private static final String MERGE = "merge";

    /** Holds a merge whose plan fired an oversight trigger, until an admin approves or rejects it. */
    public void stage(String groupId, String peerId, MergePlanner.Plan plan, List<Event> staged) {
        if (staged.isEmpty()) {
            return;
        }
        String planId = Secrets.id("plan_");
        HandshakeRecord record = HandshakeRecord.open(planId, Set.of(self.instanceId()), true, clock.now())
                .approve(self.instanceId(), clock.now()).record();
        JsonValue.Builder summary = JsonObject.builder();
        plan.summary().members().forEach(summary::put);
        summary.putArray("events", staged.stream().map(Event::toJson).toList());
        store.savePlan(new PlanRecord(planId, groupId, peerId, MERGE, summary.build(), toJson(record),
                record.status().wire(), clock.now()));
        audit.record(new AuditLog.AuditRecord(Secrets.id("aud_"), clock.now(), "merge_plan_opened", Optional.of(groupId),
                peerId, JsonObject.builder().put("plan_id", planId).put("plan", plan.summary()).build()));
        LOG.log(System.Logger.Level.INFO, "merge of {0} events from {1} waits for oversight: {2}", staged.size(), peerId,
                plan.triggers());
    }

    /** The events not already held in an open merge plan (a batch can arrive both pushed and pulled). */
    public List<Event> notYetStaged(String groupId, List<Event> incoming) {
        Set<String> staged = new TreeSet<>();
        for (PlanRecord plan : store.plans(groupId)) {
            if (plan.kind().equals(MERGE) && !HandshakeStatus.fromWire(plan.status()).isFinal()) {
                ((JsonValue.JsonArray) plan.plan().required("events")).items()
                        .forEach(e -> staged.add(((JsonObject) e).string("id")));
            }
        }
        return incoming.stream().filter(e -> !staged.contains(e.id().value())).toList();
    }

    /** An approved merge plan merges its held events; the audit record carries the digests around it. */
    private void executeMerge(PlanRecord plan) {
        List<Event> held = ((JsonValue.JsonArray) plan.plan().required("events")).items().stream()
                .map(e -> Event.fromJson((JsonObject) e)).toList();
        org.hivemesh.application.content.port.out.HiveRecord hive = hives.byGroup(plan.groupId()).orElseThrow();
        String before = state.stateDigest(plan.groupId());
        int stored = writer.store(hive, held).appended().stored().size();
        audit.record(new AuditLog.AuditRecord(Secrets.id("aud_"), clock.now(), "merge_executed", Optional.of(plan.groupId()),
                self.instanceId(), JsonObject.builder().put("plan_id", plan.planId())
                .put("plan", JsonObject.builder().put("kind", "merge").put("peer", plan.peerInstanceId())
                        .put("incoming_events", held.size()).build())
                .put("method", sync.group(plan.groupId()).map(SyncGroup::method).orElse(""))
                .put("accepted", stored).put("outcome", "merged after oversight")
                .put("digest_before", before).put("digest_after", state.stateDigest(plan.groupId())).build()));
    }

    /** The owner tells every linked member the roster after each change, so members know who belongs. */
    private void broadcastRoster(String groupId) {
        for (SyncStore.PeerLink link : sync.linksOfGroup(groupId)) {
            sync.peer(link.peerId()).ifPresent(peer -> shareRoster(peer, groupId));
        }
    }

    /**
     * Sends the roster to a member of a group this instance owns unless that member already acknowledged this very
     * roster; called on every sync round as well, so a member that missed a change gets it once it is reachable.
     */
    public void shareRoster(SyncStore.PeerRecord peer, String groupId) {
        boolean owned = sync.group(groupId).map(g -> g.consent() == Consent.ROSTER
                && g.ownerInstanceId().equals(self.instanceId())).orElse(false);
        List<String> members = List.copyOf(activeRosterSet(groupId));
        String member = peer.instanceId().orElse("");
        String key = groupId + " " + member;
        if (!owned || peer.outboundToken().isEmpty() || !members.contains(member)
                || members.equals(rosterDelivered.get(key))) {
            return;
        }
        try {
            transport.sendRoster(peer.address(), peer.outboundToken().get(), groupId, members);
            rosterDelivered.put(key, members);
        } catch (RuntimeException unreachable) {
            LOG.log(System.Logger.Level.INFO, "could not send the roster of {0} to {1}, will retry: {2}", groupId, member,
                    unreachable.getMessage());
        }
    }

    /** A member takes the roster from the group's owner, and only from it. */
    @Override
    public void receiveRoster(SyncStore.PeerRecord from, String groupId, List<String> members) {
        requireLink(from, groupId);
        SyncGroup group = sync.group(groupId).orElseThrow(() -> HivemeshException.notFound("sync_group", groupId));
        if (!from.instanceId().map(group.ownerInstanceId()::equals).orElse(false)) {
            throw HivemeshException.forbidden("only the owner of a governed group sends its roster");
        }
        transactions.inTransaction(() -> {
            Set<String> known = store.roster(groupId).stream().map(RosterMember::instanceId).collect(Collectors.toSet());
            known.stream().filter(m -> !members.contains(m)).forEach(m -> store.removeRosterMember(groupId, m));
            members.stream().filter(m -> !known.contains(m))
                    .forEach(m -> store.saveRosterMember(new RosterMember(groupId, m, "active", clock.now())));
            return null;
        });
    }

    /** Best effort: a member that cannot be reached now is pruned later if it stays silent. */
    private void propose(PlanRecord plan) {
        JsonObject proposal = JsonObject.builder().put("plan_id", plan.planId()).put("peer_instance_id", plan.peerInstanceId())
                .put("kind", plan.kind()).put("plan", plan.plan()).build();
        for (String member : records(plan).waitingFor()) {
            sync.peerByInstance(member).filter(p -> p.outboundToken().isPresent()).ifPresent(peer -> {
                try {
                    transport.proposePlan(peer.address(), peer.outboundToken().get(), plan.groupId(), proposal);
                } catch (RuntimeException unreachable) {
                    LOG.log(System.Logger.Level.INFO, "could not propose plan {0} to {1}: {2}", plan.planId(), member,
                            unreachable.getMessage());
                }
            });
        }
    }

    /** A member's copy of a plan its group's owner proposed; approving it sends a signed approval to the owner. */
    @Override
    public void receiveProposal(SyncStore.PeerRecord from, String groupId, JsonObject proposal) {
        requireLink(from, groupId);
        SyncGroup group = sync.group(groupId).orElseThrow(() -> HivemeshException.notFound("sync_group", groupId));
        if (!from.instanceId().map(group.ownerInstanceId()::equals).orElse(false)) {
            throw HivemeshException.forbidden("only the owner of a governed group proposes its merge plans");
        }
        String planId = proposal.string("plan_id");
        if (store.plan(planId).isPresent()) {
            return;
        }
        HandshakeRecord mine = HandshakeRecord.open(planId, Set.of(self.instanceId()), false, clock.now());
        store.savePlan(new PlanRecord(planId, groupId, proposal.string("peer_instance_id"), REMOTE + from.instanceId().get(),
                proposal.object("plan"), toJson(mine), mine.status().wire(), clock.now()));
    }

    private void admit(SyncGroup group, PlanRecord plan, String joiner) {
        String before = state.stateDigest(group.groupId());
        store.saveRosterMember(new RosterMember(group.groupId(), joiner, "active", clock.now()));
        rosterChanged(group.groupId(), Optional.of(plan.planId()));
        transactions.afterCommit(() -> broadcastRoster(group.groupId()));
        HandshakeRecord record = records(plan);
        audit.record(new AuditLog.AuditRecord(Secrets.id("aud_"), clock.now(), "merge_executed", Optional.of(group.groupId()),
                self.instanceId(), JsonObject.builder().put("plan_id", plan.planId()).put("plan", plan.plan())
                .put("method", group.method())
                .putArray("approvals", record.approvals().keySet().stream().map(JsonValue::of).toList())
                .putArray("pruned", record.pruned().stream().map(JsonValue::of).toList())
                .put("outcome", "admitted " + joiner).put("digest_before", before)
                .put("digest_after", state.stateDigest(group.groupId())).build()));
    }

    /** Every plan still open starts a new approval round with the current roster. */
    private void rosterChanged(String groupId, Optional<String> except) {
        Set<String> roster = activeRosterSet(groupId);
        for (PlanRecord plan : store.plans(groupId)) {
            if (except.map(plan.planId()::equals).orElse(false) || HandshakeStatus.fromWire(plan.status()).isFinal()) {
                continue;
            }
            HandshakeRecord next = records(plan).rosterChanged(roster, clock.now()).record();
            store.savePlan(withRecord(plan, next));
        }
    }

    /** Applies the passage of time: expiry, and pruning of silent members with a notification to each. */
    private PlanRecord tick(PlanRecord plan) {
        if (plan.kind().startsWith(REMOTE)) {
            return plan;
        }
        HandshakeRecord before = records(plan);
        HandshakeRecord after = before.tick(clock.now(), pruneAfter).record();
        if (after.equals(before)) {
            return plan;
        }
        for (String member : after.pruned()) {
            if (!before.pruned().contains(member)) {
                String message = "You were pruned from merge plan " + plan.planId() + " after not answering for "
                        + pruneAfter + "; you can rejoin the group at any time.";
                store.notify(new ConsentStore.Notification(Secrets.id("ntf_"), plan.groupId(), member, message, clock.now()));
                LOG.log(System.Logger.Level.INFO, "notification to {0}: {1}", member, message);
            }
        }
        PlanRecord next = withRecord(plan, after);
        store.savePlan(next);
        return next;
    }

    private static PlanRecord withRecord(PlanRecord plan, HandshakeRecord record) {
        return new PlanRecord(plan.planId(), plan.groupId(), plan.peerInstanceId(), plan.kind(), plan.plan(),
                toJson(record), record.status().wire(), plan.createdAt());
    }

    @Override
    public List<RosterMember> roster(String groupId) {
        List<RosterMember> view = new ArrayList<>();
        for (RosterMember member : store.roster(groupId)) {
            view.add(member.state().equals("active") && unreachable(member.instanceId())
                    ? new RosterMember(groupId, member.instanceId(), "offline", member.since()) : member);
        }
        Set<String> onRoster = view.stream().map(RosterMember::instanceId).collect(Collectors.toSet());
        // Only the owner knows how a join plan ended; a member's copy of the proposal can be stale.
        boolean owned = sync.group(groupId).map(g -> g.ownerInstanceId().equals(self.instanceId())).orElse(false);
        store.plans(groupId).stream().filter(p -> owned && p.kind().equals("join") && !onRoster.contains(p.peerInstanceId())
                        && !HandshakeStatus.fromWire(p.status()).isFinal())
                .forEach(p -> view.add(new RosterMember(groupId, p.peerInstanceId(), "invited", p.createdAt())));
        return view;
    }

    /** Offline is this instance's view: a member it has stopped reaching still counts, it is only shown as such. */
    private boolean unreachable(String instanceId) {
        return sync.peerByInstance(instanceId)
                .map(p -> p.status() == PeerStatus.UNREACHABLE || p.status() == PeerStatus.ERROR).orElse(false);
    }

    @Override
    public void removeMember(String groupId, String instanceId) {
        transactions.inTransaction(() -> {
            if (store.roster(groupId).stream().noneMatch(m -> m.instanceId().equals(instanceId))) {
                throw HivemeshException.notFound("roster_member", instanceId);
            }
            store.removeRosterMember(groupId, instanceId);
            sync.peerByInstance(instanceId).ifPresent(p -> sync.unlink(p.peerId(), groupId));
            transactions.afterCommit(() -> broadcastRoster(groupId));
            store.plans(groupId).stream().filter(p -> p.peerInstanceId().equals(instanceId) && p.status().equals("approved"))
                    .forEach(p -> store.savePlan(withRecord(p, records(p).revoke().record())));
            rosterChanged(groupId, Optional.empty());
            audit.record(new AuditLog.AuditRecord(Secrets.id("aud_"), clock.now(), "roster_member_removed",
                    Optional.of(groupId), "admin", JsonObject.builder().put("instance_id", instanceId).build()));
            return null;
        });
    }

    @Override
    public List<PlanRecord> plans(String groupId) {
        return transactions.inTransaction(() -> store.plans(groupId).stream().map(this::tick).toList());
    }

    @Override
    public void setCadence(String groupId, org.hivemesh.domain.consent.Cadence.Mode mode, java.time.LocalTime nightlyAt) {
        if (sync.group(groupId).isEmpty()) {
            throw HivemeshException.notFound("sync_group", groupId);
        }
        cadence.set(groupId, mode, nightlyAt);
        audit.record(new AuditLog.AuditRecord(Secrets.id("aud_"), clock.now(), "cadence_changed", Optional.of(groupId),
                "admin", JsonObject.builder().put("cadence", mode.wire()).put("nightly_at", nightlyAt.toString()).build()));
    }

    @Override
    public PlanRecord approve(String planId) {
        return decide(planId, true);
    }

    @Override
    public PlanRecord reject(String planId) {
        return decide(planId, false);
    }

    private PlanRecord decide(String planId, boolean approve) {
        PlanRecord found = store.plan(planId).orElseThrow(() -> HivemeshException.notFound("merge_plan", planId));
        if (found.kind().startsWith(REMOTE)) {
            return answerRemote(found, approve);
        }
        return transactions.inTransaction(() -> {
            PlanRecord plan = tick(found);
            HandshakeRecord record = records(plan);
            HandshakeRecord.Outcome outcome = record.status() == HandshakeStatus.AWAITING_OVERSIGHT
                    ? record.oversee(approve, clock.now())
                    : approve ? record.approve(self.instanceId(), clock.now()) : record.reject(self.instanceId(), clock.now());
            if (outcome instanceof HandshakeRecord.Refused refused) {
                store.savePlan(withRecord(plan, refused.record()));
                throw HivemeshException.conflict("plan_not_open", refused.reason());
            }
            PlanRecord next = withRecord(plan, outcome.record());
            store.savePlan(next);
            if (plan.kind().equals(MERGE) && next.status().equals("approved")) {
                executeMerge(next);
            }
            audit.record(new AuditLog.AuditRecord(Secrets.id("aud_"), clock.now(), approve ? "merge_plan_approved"
                    : "merge_plan_rejected", Optional.of(plan.groupId()), self.instanceId(),
                    JsonObject.builder().put("plan_id", planId).put("status", next.status()).build()));
            return next;
        });
    }

    private static final String REMOTE = "remote from ";

    /** The canonical bytes a member signs: which plan, who, and the answer. */
    private static byte[] approvalBytes(String groupId, String planId, String member, boolean approved) {
        return JsonObject.builder().put("group", groupId).put("plan_id", planId).put("member", member)
                .put("approved", approved).build().canonical().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private PlanRecord answerRemote(PlanRecord plan, boolean approve) {
        String owner = plan.kind().substring(REMOTE.length());
        SyncStore.PeerRecord peer = sync.peerByInstance(owner).filter(p -> p.outboundToken().isPresent())
                .orElseThrow(() -> HivemeshException.conflict("owner_unknown", "no session with the group's owner " + owner));
        String signature = java.util.HexFormat.of().formatHex(signatures.sign(self.privateKey(),
                approvalBytes(plan.groupId(), plan.planId(), self.instanceId(), approve)));
        transport.sendApproval(peer.address(), peer.outboundToken().get(), plan.groupId(), JsonObject.builder()
                .put("plan_id", plan.planId()).put("member", self.instanceId()).put("approved", approve)
                .put("signature", signature).build());
        HandshakeRecord mine = records(plan);
        HandshakeRecord answered = (approve ? mine.approve(self.instanceId(), clock.now())
                : mine.reject(self.instanceId(), clock.now())).record();
        PlanRecord next = withRecord(plan, answered);
        store.savePlan(next);
        return next;
    }

    /** The owner takes a member's signed answer, checked against the member's key. */
    @Override
    public void receiveApproval(SyncStore.PeerRecord from, String groupId, JsonObject approval) {
        requireLink(from, groupId);
        String member = approval.string("member");
        String planId = approval.string("plan_id");
        boolean approved = approval.required("approved").equals(JsonValue.TRUE);
        if (!from.instanceId().map(member::equals).orElse(false)) {
            throw HivemeshException.forbidden("a member answers for itself only");
        }
        byte[] key = java.util.HexFormat.of().parseHex(from.signingKey().orElseThrow());
        byte[] signature;
        try {
            signature = java.util.HexFormat.of().parseHex(approval.string("signature"));
        } catch (IllegalArgumentException notHex) {
            throw HivemeshException.invalid("signature must be hex");
        }
        if (!signatures.verify(key, approvalBytes(groupId, planId, member, approved), signature)) {
            throw HivemeshException.invalid("the approval's signature does not verify against the member's key");
        }
        transactions.inTransaction(() -> {
            PlanRecord plan = tick(store.plan(planId).filter(p -> p.groupId().equals(groupId))
                    .orElseThrow(() -> HivemeshException.notFound("merge_plan", planId)));
            HandshakeRecord.Outcome outcome = approved ? records(plan).approve(member, clock.now())
                    : records(plan).reject(member, clock.now());
            if (outcome instanceof HandshakeRecord.Refused refused) {
                throw HivemeshException.conflict("plan_not_open", refused.reason());
            }
            store.savePlan(withRecord(plan, outcome.record()));
            audit.record(new AuditLog.AuditRecord(Secrets.id("aud_"), clock.now(), approved ? "merge_plan_approved"
                    : "merge_plan_rejected", Optional.of(groupId), member, JsonObject.builder().put("plan_id", planId)
                    .put("signed", true).build()));
            return null;
        });
    }

    static HandshakeRecord records(PlanRecord plan) {
        JsonObject r = plan.record();
        Map<String, Instant> approvals = new TreeMap<>();
        r.object("approvals").members().forEach((m, at) -> approvals.put(m, Instant.parse(((JsonValue.JsonString) at).value())));
        return new HandshakeRecord(r.string("plan_id"), strings(r, "roster"), approvals, strings(r, "pruned"),
                Instant.parse(r.string("round_started_at")), Instant.parse(r.string("expires_at")),
                r.required("requires_oversight").equals(JsonValue.TRUE), HandshakeStatus.fromWire(r.string("status")));
    }

    private static Set<String> strings(JsonObject r, String field) {
        return ((JsonValue.JsonArray) r.required(field)).items().stream().map(v -> ((JsonValue.JsonString) v).value())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static JsonObject toJson(HandshakeRecord record) {
        JsonValue.Builder approvals = JsonObject.builder();
        record.approvals().forEach((m, at) -> approvals.put(m, at.toString()));
        return JsonObject.builder().put("plan_id", record.planId())
                .putArray("roster", record.roster().stream().map(JsonValue::of).toList())
                .put("approvals", approvals.build())
                .putArray("pruned", record.pruned().stream().map(JsonValue::of).toList())
                .putArray("waiting_for", record.waitingFor().stream().map(JsonValue::of).toList())
                .put("round_started_at", record.roundStartedAt().toString()).put("expires_at", record.expiresAt().toString())
                .put("requires_oversight", record.requiresOversight()).put("status", record.status().wire()).build();
    }
}
