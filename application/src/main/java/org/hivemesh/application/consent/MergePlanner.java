package org.hivemesh.application.consent;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.sync.GroupOversight;
import org.hivemesh.domain.consent.OversightPolicy;
import org.hivemesh.domain.consent.PlanConflict;
import org.hivemesh.domain.consent.PlanSummary;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.event.MembershipAction;
import org.hivemesh.domain.hive.DecisionLinks;
import org.hivemesh.domain.hive.Entity;
import org.hivemesh.domain.hive.EntityKey;
import org.hivemesh.domain.hive.EntityKind;
import org.hivemesh.domain.hive.HiveRules;
import org.hivemesh.domain.hive.RosterRules;

/**
 * A dry run of a merge: what the incoming events would change, which conflicts they would resolve and by which rule,
 * and which oversight triggers of the group's policy they fire. Nothing is stored.
 */
public final class MergePlanner {
    private final EventStore events;
    private final StateStore state;
    private final GroupOversight oversight;

    @Inject
    public MergePlanner(EventStore events, StateStore state, GroupOversight oversight) {
        this.events = events;
        this.state = state;
        this.oversight = oversight;
    }

    public PlanSummary plan(HiveRecord hive, List<Event> incoming) {
        String group = hive.groupId();
        Map<EntityKey, Optional<Entity>> current = new HashMap<>();
        Set<EntityKey> changed = new LinkedHashSet<>();
        List<PlanConflict> conflicts = new ArrayList<>();
        int fresh = 0;
        int deletes = 0;
        int moderation = 0;
        int contradictions = 0;
        List<Entity> decisions = new ArrayList<>(state.entities(group, EntityKind.DECISION));
        for (Event event : incoming) {
            if (events.find(group, event.id()).isPresent()) {
                continue;
            }
            fresh++;
            EntityKey key = HiveRules.keyOf(event);
            if (RosterRules.isRosterEvent(event)) {
                // The roster folds from its whole log (RosterRules), not event by event; it counts as changed.
                changed.add(key);
                continue;
            }
            Optional<Entity> before = current.computeIfAbsent(key, k -> state.entity(group, k));
            Entity after = HiveRules.apply(before, event, hive.ownerInstanceId());
            current.put(key, Optional.of(after));
            if (!before.map(after::equals).orElse(false)) {
                changed.add(key);
            }
            EventPayload p = event.payload();
            if (p instanceof EventPayload.PostDeleted || p instanceof EventPayload.CommentDeleted) {
                deletes++;
            }
            if (p instanceof EventPayload.ModeratorChanged || p instanceof EventPayload.MembershipChanged m
                    && (m.action() == MembershipAction.BAN || m.action() == MembershipAction.UNBAN)) {
                moderation++;
            }
            if (before.filter(Entity::isCreated).isPresent() || before.map(b -> !b.fields().isEmpty()).orElse(false)) {
                conflicts.add(new PlanConflict(key.kind().wire() + ":" + key.id(), event.id().value(), rule(p)));
            }
            if (p instanceof EventPayload.DecisionRecorded) {
                JsonObject mine = after.created().orElseThrow();
                contradictions += (int) decisions.stream()
                        .filter(d -> DecisionLinks.contradict(mine, d.created().orElseThrow())).count();
                decisions.add(after);
            }
        }
        List<String> triggers = oversight.of(group).triggers(new OversightPolicy.Stats(deletes, moderation, contradictions));
        return new PlanSummary("event-union", incoming.size(), 0, fresh, changed.size(), conflicts, deletes, moderation,
                contradictions, triggers);
    }

    /** The conflict rule of SPEC.md that decides an event against what is already there. */
    static String rule(EventPayload p) {
        if (p instanceof EventPayload.PostDeleted || p instanceof EventPayload.CommentDeleted) {
            return "tombstone beats every edit";
        }
        if (p instanceof EventPayload.VoteCast) {
            return "vote LWW per (voter, target)";
        }
        if (p instanceof EventPayload.HiveSettingChanged || p instanceof EventPayload.MembershipChanged
                || p instanceof EventPayload.ModeratorChanged) {
            return "owner-preferring LWW";
        }
        if (p instanceof EventPayload.DecisionReviewed) {
            return "review LWW";
        }
        return "LWW per field by (HLC, event ID)";
    }
}
