package org.hivemesh.application.content.port.out;

import org.hivemesh.domain.event.Event;

/** An event with the local sequence number this instance gave it. */
public record StoredEvent(long seq, Event event) {
}
