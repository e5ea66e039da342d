package org.hivemesh.application.consent;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.consent.port.wire.ConsentJson;
import org.hivemesh.application.content.EventWriter;
import org.hivemesh.application.content.MergeAudit;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.GroupOversight;
import org.hivemesh.application.sync.port.out.MergeGate;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.consent.ApprovalStatus;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.OversightBy;
import org.hivemesh.domain.consent.PlanSummary;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.group.SyncGroup;

/**
 * Content merges into a governed group that fire an oversight trigger are held in a merge plan — not lost — until
 * they are approved or rejected; then the held events merge. Who decides is the group's policy: {@code by: admin},
 * this instance's admin; {@code by: roster}, the active roster but the held events' writers, in an approval round as
 * for a join. The roster round is proposed by the group's owner, the one instance members take proposals from; a non-owner holding such a merge
 * leaves it to its admin. Open groups and quiet batches merge at once.
 */
public final class OversightStaging implements MergeGate {
    private static final System.Logger LOG = System.getLogger(OversightStaging.class.getName());

    private final SyncStore sync;
    private final ConsentStore store;
    private final PlanBook plans;
    private final MergePlanner planner;
    private final EventWriter writer;
    private final HiveStore hives;
    private final Audit audit;
    private final MergeAudit merges;
    private final Clock clock;
    private final InstanceIdentity self;
    private final GroupOversight oversight;
    private final MemberMessages messages;
    private final Transactions transactions;
    private final RosterLog rosters;

    @Inject
    public OversightStaging(SyncStore sync, ConsentStore store, PlanBook plans, MergePlanner planner, EventWriter writer,
                            HiveStore hives, Audit audit, MergeAudit merges, Clock clock, InstanceIdentity self,
                            GroupOversight oversight, MemberMessages messages, Transactions transactions,
                            RosterLog rosters) {
        this.rosters = rosters;
        this.oversight = oversight;
        this.messages = messages;
        this.transactions = transactions;
        this.sync = sync;
        this.store = store;
        this.plans = plans;
        this.planner = planner;
        this.writer = writer;
        this.hives = hives;
        this.audit = audit;
        this.merges = merges;
        this.clock = clock;
        this.self = self;
    }

    @Override
    public List<Event> mergeNow(HiveRecord hive, String peerId, List<Event> verified) {
        Optional<SyncGroup> group = sync.group(hive.groupId()).filter(g -> g.consent() == Consent.ROSTER);
        if (group.isEmpty()) {
            return verified;
        }
        // Events already held in an open plan are merged by that plan only, whichever way they arrive again.
        List<Event> unstaged = notYetStaged(hive.groupId(), verified);
        PlanSummary summary = planner.plan(hive, unstaged);
        if (summary.requiresOversight() && !unstaged.isEmpty()) {
            // The plan names the instance it merges with, as a join plan does; the peer ID is only this instance's.
            String from = sync.peer(peerId).flatMap(SyncStore.PeerRecord::instanceId).orElse(peerId);
            stage(group.get(), from, summary, unstaged);
            return List.of();
        }
        return unstaged;
    }

    /**
     * Overseen by the roster, the plan's round is the active roster's but for the instances that wrote the held
     * events — a member does not approve its own deletes — proposed to each. Overseen by the admin, its roster is this
     * instance alone, which approves it at once: the plan waits for the admin's decision.
     */
    private void stage(SyncGroup group, String from, PlanSummary summary, List<Event> held) {
        String groupId = group.groupId();
        MergeKind.ContentMerge kind = new MergeKind.ContentMerge(from, held);
        MergePlan opened;
        if (oversight.of(groupId).by() == OversightBy.ROSTER && rosters.ownedHere(groupId)) {
            opened = plans.open(groupId, kind, summary, PlanBook.deciders(kind, rosters.roster(groupId).active()), false);
            MergePlan proposed = opened;
            transactions.afterCommit(() -> messages.propose(proposed));
        } else {
            opened = plans.open(groupId, kind, summary, Set.of(self.instanceId()), true);
            plans.save(opened, opened.round().approve(self.instanceId(), clock.now()).record());
        }
        audit.record("merge_plan_opened", Optional.of(groupId), from, JsonObject.builder()
                .put("plan_id", opened.planId()).put("plan", ConsentJson.summary(summary)).build());
        LOG.log(System.Logger.Level.INFO, "merge of {0} events from {1} waits for oversight by {2}: {3}", held.size(),
                from, opened.round().requiresOversight() ? "the admin" : "the roster", summary.oversightTriggers());
    }

    /** The events not already held in an open merge plan (a batch can arrive both pushed and pulled). */
    private List<Event> notYetStaged(String groupId, List<Event> incoming) {
        Set<EventId> staged = new HashSet<>();
        store.plans(groupId).forEach(p -> staged.addAll(p.heldEvents()));
        return incoming.stream().filter(e -> !staged.contains(e.id())).toList();
    }

    /** A failure here is the group's, not the peer's the round is with: it is logged, and the next round retries. */
    @Override
    public void settleDue(String groupId) {
        try {
            if (store.plans(groupId).stream().anyMatch(p -> p.isOpen() && p.kind() instanceof MergeKind.ContentMerge)) {
                current(groupId);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not settle the merge plans of {0}: {1}", groupId, e.toString());
        }
    }

    /**
     * The group's plans with the passage of time applied, each in a transaction of its own (see {@link #settle}): one
     * that cannot merge now is shown as it was, logged, and tried again next time, and holds back none of the others.
     */
    public List<MergePlan> current(String groupId) {
        List<MergePlan> current = new ArrayList<>();
        for (MergePlan stored : store.plans(groupId)) {
            try {
                current.add(current(stored.planId(), groupId));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not apply the passage of time to plan {0}: {1}",
                        stored.planId(), e.toString());
                current.add(stored);
            }
        }
        return current;
    }

    /**
     * The plan as it stands now, with the passage of time applied and committed in a transaction of its own, so an
     * answer that follows weighs the plan as time left it and a refusal of that answer undoes none of it.
     */
    public MergePlan current(String planId, String groupId) {
        return transactions.inTransaction(() -> settle(store.plan(planId).filter(p -> p.groupId().equals(groupId))
                .orElseThrow(() -> HivemeshException.notFound("merge_plan", planId))));
    }

    /**
     * Applies the passage of time to a plan read in this transaction. A content merge whose round time completed
     * (its silent members pruned, everyone left having approved) merges the events it held, as the last approval
     * would have.
     */
    private MergePlan settle(MergePlan plan) {
        MergePlan now = plans.current(plan);
        if (plan.status() != ApprovalStatus.APPROVED && now.status() == ApprovalStatus.APPROVED) {
            execute(now);
        }
        return now;
    }

    /** An approved content merge merges the events it held. */
    public void execute(MergePlan plan) {
        if (!(plan.kind() instanceof MergeKind.ContentMerge merge) || plan.status() != ApprovalStatus.APPROVED) {
            return;
        }
        HiveRecord hive = hives.byGroup(plan.groupId()).orElseThrow();
        merges.around(plan.groupId(), self.instanceId(), () -> {
            int stored = writer.store(hive, merge.held()).appended().stored().size();
            return JsonObject.builder().put("plan_id", plan.planId())
                    .put("plan", JsonObject.builder().put("kind", "merge").put("peer", merge.peerInstanceId())
                            .put("incoming_events", merge.held().size()).build())
                    .put("method", sync.group(plan.groupId()).map(SyncGroup::method).orElse(""))
                    .put("accepted", stored).put("outcome", "merged after oversight")
                    .put("overseen_by", plan.round().requiresOversight() ? "admin" : "roster").build();
        });
    }
}
