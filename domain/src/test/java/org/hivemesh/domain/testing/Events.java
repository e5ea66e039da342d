package org.hivemesh.domain.testing;

import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.UnsignedEvent;

/** Builders for events in domain tests; the domain never checks signatures, so a fixed one is enough. */
public final class Events {
    public static final String GROUP = "grp_test";
    public static final String UNCHECKED_SIGNATURE = "0".repeat(128);

    private Events() {
    }

    public static Event event(String origin, Hlc hlc, EventPayload payload) {
        return event(GROUP, origin, hlc, payload);
    }

    public static Event event(String group, String origin, Hlc hlc, EventPayload payload) {
        return new UnsignedEvent(group, origin, hlc, payload).signedWith(UNCHECKED_SIGNATURE);
    }

    public static Event event(String origin, long wall, EventPayload payload) {
        return event(origin, new Hlc(wall, 0), payload);
    }

    public static AgentRef agent(String instance, String name) {
        return new AgentRef(instance, "agt_" + name, name);
    }
}
