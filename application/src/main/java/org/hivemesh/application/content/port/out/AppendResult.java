package org.hivemesh.application.content.port.out;

import java.util.List;
import org.hivemesh.domain.event.Event;

/** What a batch append stored: the events that were new (with their seq) and how many were already known. */
public record AppendResult(List<StoredEvent> stored, int duplicates) {
    public AppendResult {
        stored = List.copyOf(stored);
    }

    public List<Event> newEvents() {
        return stored.stream().map(StoredEvent::event).toList();
    }
}
