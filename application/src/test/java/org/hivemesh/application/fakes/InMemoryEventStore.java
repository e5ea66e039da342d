package org.hivemesh.application.fakes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.application.content.port.out.AppendResult;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.Hlc;

public final class InMemoryEventStore implements EventStore {
    private final Map<String, List<StoredEvent>> logs = new HashMap<>();
    private RuntimeException nextFailure;

    /** The next append fails with {@code failure} and stores nothing, as a full disk would refuse it. */
    public synchronized void failNextAppend(RuntimeException failure) {
        nextFailure = failure;
    }

    @Override
    public synchronized AppendResult append(String group, List<Event> events) {
        if (nextFailure != null) {
            RuntimeException failure = nextFailure;
            nextFailure = null;
            throw failure;
        }
        List<StoredEvent> log = logs.computeIfAbsent(group, g -> new ArrayList<>());
        List<StoredEvent> stored = new ArrayList<>();
        int duplicates = 0;
        for (Event event : events) {
            if (!event.group().equals(group)) {
                throw new IllegalArgumentException("event " + event.id() + " belongs to group " + event.group());
            }
            if (find(group, event.id()).isPresent()) {
                duplicates++;
                continue;
            }
            StoredEvent s = new StoredEvent(log.size() + 1L, event);
            log.add(s);
            stored.add(s);
        }
        return new AppendResult(stored, duplicates);
    }

    @Override
    public synchronized List<StoredEvent> read(String group, long afterSeq, int limit) {
        return logs.getOrDefault(group, List.of()).stream().filter(s -> s.seq() > afterSeq).limit(limit).toList();
    }

    @Override
    public synchronized Optional<StoredEvent> find(String group, EventId id) {
        return logs.getOrDefault(group, List.of()).stream().filter(s -> s.event().id().equals(id)).findFirst();
    }

    @Override
    public synchronized Set<EventId> stored(String group, Collection<EventId> ids) {
        Set<EventId> stored = new HashSet<>();
        for (EventId id : ids) {
            find(group, id).ifPresent(s -> stored.add(id));
        }
        return stored;
    }

    @Override
    public synchronized long currentSeq(String group) {
        return logs.getOrDefault(group, List.of()).size();
    }

    @Override
    public synchronized long count(String group) {
        return currentSeq(group);
    }

    @Override
    public synchronized Optional<Hlc> maxHlc() {
        return logs.values().stream().flatMap(List::stream).map(s -> s.event().hlc()).max(Hlc::compareTo);
    }

    @Override
    public synchronized Optional<Hlc> latestOf(String group, String origin) {
        return logs.getOrDefault(group, List.of()).stream().map(StoredEvent::event).filter(e -> e.origin().equals(origin))
                .map(e -> e.hlc()).max(Hlc::compareTo);
    }
}
