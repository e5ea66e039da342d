package org.hivemesh.application.consent;

import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdGenerator;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.domain.consent.ApprovalRound;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.PlanSummary;

/**
 * This instance's merge plans with the passage of time applied: expired windows, and members pruned for silence,
 * each of whom gets a notification. A member's copy of a remote plan is left to the owner's clock.
 */
public final class PlanBook {
    private static final System.Logger LOG = System.getLogger(PlanBook.class.getName());

    private final ConsentStore store;
    private final Clock clock;
    private final IdGenerator ids;
    private final ConsentSettings settings;
    private final InstanceIdentity self;

    @Inject
    public PlanBook(ConsentStore store, Clock clock, IdGenerator ids, ConsentSettings settings, InstanceIdentity self) {
        this.self = self;
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.settings = settings;
    }

    /** A new plan with a fresh round for {@code roster}; stored before it is returned. */
    public MergePlan open(String groupId, MergeKind kind, PlanSummary summary, Set<String> roster,
                          boolean requiresOversight) {
        String planId = ids.id("plan_");
        MergePlan plan = new MergePlan(planId, groupId, kind, summary,
                ApprovalRound.open(planId, roster, requiresOversight, clock.now()), clock.now());
        store.savePlan(plan);
        return plan;
    }

    public MergePlan require(String planId) {
        return store.plan(planId).orElseThrow(() -> HivemeshException.notFound("merge_plan", planId));
    }

    public Optional<MergePlan> lastJoinOf(String groupId, String joiner) {
        return store.plans(groupId).stream().filter(p -> p.isJoinOf(joiner)).reduce((first, second) -> second)
                .map(this::current);
    }

    public void save(MergePlan plan, ApprovalRound round) {
        store.savePlan(plan.withRound(round));
    }

    /** Applies the passage of time to one plan and stores what changed. */
    public MergePlan current(MergePlan plan) {
        if (plan.kind() instanceof MergeKind.Remote) {
            return plan;
        }
        ApprovalRound before = plan.round();
        // The owner's admin decides a held merge with the roster: silence prunes the others, never it.
        Set<String> neverPruned = plan.kind() instanceof MergeKind.ContentMerge ? Set.of(self.instanceId()) : Set.of();
        ApprovalRound after = before.tick(clock.now(), settings.pruneAfter(), neverPruned).record();
        if (after.equals(before)) {
            return plan;
        }
        for (String member : after.pruned()) {
            if (!before.pruned().contains(member)) {
                String message = "You were pruned from merge plan " + plan.planId() + " after not answering for "
                        + settings.pruneAfter() + "; you can rejoin the group at any time.";
                store.notify(new ConsentStore.Notification(ids.id("ntf_"), plan.groupId(), member, message, clock.now()));
                LOG.log(System.Logger.Level.INFO, "notification to {0}: {1}", member, message);
            }
        }
        MergePlan next = plan.withRound(after);
        store.savePlan(next);
        return next;
    }

    /**
     * Who answers a plan's round out of the active roster: everyone, but for a held content merge not the instances
     * that wrote the held events — a member does not approve its own deletes.
     */
    public static Set<String> deciders(MergeKind kind, Set<String> active) {
        Set<String> deciders = new TreeSet<>(active);
        if (kind instanceof MergeKind.ContentMerge merge) {
            merge.held().forEach(e -> deciders.remove(e.origin()));
        }
        return deciders;
    }

    /**
     * A roster change (not pruning): every plan still open starts a new round with the deciders of {@code roster}. A
     * content merge its admin oversees keeps its round of this instance alone.
     */
    public void newRound(String groupId, Set<String> roster, Optional<String> except) {
        for (MergePlan plan : store.plans(groupId)) {
            boolean adminOverseen = plan.kind() instanceof MergeKind.ContentMerge && plan.round().requiresOversight();
            if (plan.isOpen() && !adminOverseen && !except.map(plan.planId()::equals).orElse(false)) {
                save(plan, plan.round().rosterChanged(deciders(plan.kind(), roster), clock.now()).record());
            }
        }
    }

    public long openJoins(String groupId) {
        return store.plans(groupId).stream().filter(p -> p.kind() instanceof MergeKind.Join && p.isOpen()).count();
    }
}
