package org.hivemesh.application.content.port.out;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.Hlc;

/** The append-only event log, numbered per group by a local seq. */
public interface EventStore {
    /** Stores the events not yet known (by group and ID) in one transaction, in the given order. */
    AppendResult append(String group, List<Event> events);

    List<StoredEvent> read(String group, long afterSeq, int limit);

    Optional<StoredEvent> find(String group, EventId id);

    /** Which of {@code ids} the group's log holds: one lookup for a page of arriving events. */
    Set<EventId> stored(String group, Collection<EventId> ids);

    long currentSeq(String group);

    long count(String group);

    /** The highest HLC of any stored event, so the clock never runs backwards after a restart. */
    Optional<Hlc> maxHlc();

    /** The highest HLC of the events {@code origin} wrote in the group: what a restored instance still has of its own. */
    Optional<Hlc> latestOf(String group, String origin);
}
