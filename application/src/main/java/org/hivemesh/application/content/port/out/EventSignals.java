package org.hivemesh.application.content.port.out;

/** Tells whoever passes events on that a group has new ones; a no-op where nothing listens. */
public interface EventSignals {
    void eventsStored(String groupId);

    EventSignals NONE = groupId -> {
    };
}
