package org.hivemesh.application.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hivemesh.application.port.in.ConsentUseCases;
import org.hivemesh.application.port.in.HivemeshException;
import org.hivemesh.application.port.out.AuditLog;
import org.hivemesh.application.port.out.Clock;
import org.hivemesh.application.port.out.ConsentStore;
import org.hivemesh.application.port.out.ConsentStore.PlanRecord;
import org.hivemesh.application.port.out.ConsentStore.RosterMember;
import org.hivemesh.application.port.out.EventStore;
import org.hivemesh.application.port.out.InstanceIdentity;
import org.hivemesh.application.port.out.StateStore;
import org.hivemesh.application.port.out.SyncStore;
import org.hivemesh.application.port.out.Transactions;
import org.hivemesh.domain.consent.HandshakeRecord;
import org.hivemesh.domain.consent.HandshakeStatus;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.SyncGroup;

/**
 * Consent before a merge (canvas seed) for groups with {@code consent: roster}: a join opens a merge plan that the
 * whole roster must approve; silent members are pruned after the pruning delay; a roster change opens a new round.
 */
public final class ConsentService implements ConsentUseCases {
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

    public ConsentService(ConsentStore store, SyncStore sync, EventStore events, StateStore state,
                          Transactions transactions, AuditLog audit, Clock clock, InstanceIdentity self,
                          Duration pruneAfter, boolean oversightOnJoin) {
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

    public void openRoster(SyncGroup group) {
        store.saveRosterMember(new RosterMember(group.groupId(), self.instanceId(), "active", clock.now()));
    }

    private Set<String> activeRoster(String groupId) {
        return store.roster(groupId).stream().filter(m -> m.state().equals("active")).map(RosterMember::instanceId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Members are admitted at once; anyone else gets (or resumes) a merge plan that must be approved first. */
    public Admission admitOrPlan(SyncGroup group, String joiner) {
        if (!group.ownerInstanceId().equals(self.instanceId())) {
            throw HivemeshException.forbidden("'" + group.hiveName() + "' is a governed group: join through its owner "
                    + group.ownerInstanceId());
        }
        if (activeRoster(group.groupId()).contains(joiner)) {
            return new Admit(Optional.empty());
        }
        return transactions.inTransaction(() -> {
            Optional<PlanRecord> open = store.plans(group.groupId()).stream()
                    .filter(p -> p.peerInstanceId().equals(joiner) && !HandshakeStatus.fromWire(p.status()).isFinal()
                            || p.peerInstanceId().equals(joiner) && p.status().equals("approved"))
                    .reduce((first, second) -> second);
            PlanRecord plan = open.map(this::tick).orElseGet(() -> newJoinPlan(group, joiner));
            HandshakeStatus status = HandshakeStatus.fromWire(plan.status());
            if (status == HandshakeStatus.APPROVED) {
                admit(group, plan, joiner);
                return new Admit(Optional.of(plan));
            }
            if (status.isFinal()) {
                return new Pending(newJoinPlan(group, joiner), activeRoster(group.groupId()));
            }
            return new Pending(plan, records(plan).waitingFor());
        });
    }

    private PlanRecord newJoinPlan(SyncGroup group, String joiner) {
        Instant now = clock.now();
        String planId = Secrets.id("plan_");
        HandshakeRecord record = HandshakeRecord.open(planId, activeRoster(group.groupId()), oversightOnJoin, now);
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
        return created;
    }

    private void admit(SyncGroup group, PlanRecord plan, String joiner) {
        String before = state.stateDigest(group.groupId());
        store.saveRosterMember(new RosterMember(group.groupId(), joiner, "active", clock.now()));
        rosterChanged(group.groupId(), Optional.of(plan.planId()));
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
        Set<String> roster = activeRoster(groupId);
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
        return store.roster(groupId);
    }

    @Override
    public void removeMember(String groupId, String instanceId) {
        transactions.inTransaction(() -> {
            if (store.roster(groupId).stream().noneMatch(m -> m.instanceId().equals(instanceId))) {
                throw HivemeshException.notFound("roster_member", instanceId);
            }
            store.removeRosterMember(groupId, instanceId);
            sync.peerByInstance(instanceId).ifPresent(p -> sync.unlink(p.peerId(), groupId));
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
    public PlanRecord approve(String planId) {
        return decide(planId, true);
    }

    @Override
    public PlanRecord reject(String planId) {
        return decide(planId, false);
    }

    private PlanRecord decide(String planId, boolean approve) {
        return transactions.inTransaction(() -> {
            PlanRecord plan = tick(store.plan(planId).orElseThrow(() -> HivemeshException.notFound("merge_plan", planId)));
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
            audit.record(new AuditLog.AuditRecord(Secrets.id("aud_"), clock.now(), approve ? "merge_plan_approved"
                    : "merge_plan_rejected", Optional.of(plan.groupId()), self.instanceId(),
                    JsonObject.builder().put("plan_id", planId).put("status", next.status()).build()));
            return next;
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
