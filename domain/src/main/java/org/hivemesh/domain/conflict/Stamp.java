package org.hivemesh.domain.conflict;

import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.Hlc;

/** When an event happened, in LWW order: later HLC is greater; on equal HLC the smaller event ID is greater. */
public record Stamp(Hlc hlc, EventId eventId) implements Comparable<Stamp> {
    public static Stamp of(Event event) {
        return new Stamp(event.hlc(), event.id());
    }

    @Override
    public int compareTo(Stamp other) {
        int byHlc = hlc.compareTo(other.hlc);
        return byHlc != 0 ? byHlc : other.eventId.compareTo(eventId);
    }

    public boolean beats(Stamp other) {
        return compareTo(other) > 0;
    }
}
