package org.hivemesh.domain.hive;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.domain.event.Event;

/**
 * The roster's part of a batch, taken before every other entity: the roster folded again from its whole log when the
 * batch brings roster events or the stored roster reads the owner's activity, and the ownership before and after, which
 * the rest of the batch reads as of each event.
 */
record RosterStep(Optional<Entity> stored, Optional<Materializer.Folded> folded, HiveOwner before, HiveOwner after) {
    static RosterStep of(HiveOwner founder, List<Event> batchRosterEvents, Materializer.Source source) {
        Optional<Entity> stored = Optional.ofNullable(source.entities(Set.of(EntityKey.ROSTER)).get(EntityKey.ROSTER));
        Optional<Materializer.Folded> folded = Optional.empty();
        if (!batchRosterEvents.isEmpty() || RosterRules.readsActivity(stored.orElse(null))) {
            List<Event> log = new ArrayList<>(source.eventsOf(Set.of(EntityKey.ROSTER)));
            log.addAll(batchRosterEvents);
            folded = Optional.of(RosterRules.fold(founder, log, source));
        }
        HiveOwner before = RosterRules.ownership(founder, stored);
        HiveOwner after = folded.map(f -> RosterRules.ownership(founder, f.entity())).orElse(before);
        return new RosterStep(stored, folded, before, after);
    }

    /** Whether ownership moved: then every entity folds again under the new owners. */
    boolean ownershipMoved() {
        return !before.handovers().equals(after.handovers());
    }

    /** Whether one new roster event would take effect on top of the stored roster's log and {@code earlier} ones. */
    Optional<AuthorityRule> refusalOf(HiveOwner founder, List<Event> earlier, Event event, Materializer.Source source) {
        List<Event> log = new ArrayList<>(source.eventsOf(Set.of(EntityKey.ROSTER)));
        log.addAll(earlier);
        log.add(event);
        return RosterRules.fold(founder, log, source).refusals().stream().filter(r -> r.eventId().equals(event.id()))
                .map(Refusal::rule).findFirst();
    }

    /** Adds the roster's change, refusals and refold to the batch's outcome. */
    void addTo(List<Materializer.Change> changes, List<Refusal> refusals, Set<EntityKey> recomputed) {
        folded.ifPresent(f -> {
            refusals.addAll(f.refusals());
            recomputed.add(EntityKey.ROSTER);
            if (!stored.equals(f.entity())) {
                changes.add(new Materializer.Change(EntityKey.ROSTER, stored, f.entity()));
            }
        });
    }
}
