package org.hivemesh.application.shared;

import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.domain.event.Hlc;

/** This instance's hybrid logical clock: issues timestamps for local events and absorbs remote ones. */
public final class HybridClock {
    private final Clock clock;
    private Hlc last;

    public HybridClock(Clock clock, Hlc start) {
        this.clock = clock;
        this.last = start;
    }

    public synchronized Hlc next() {
        last = last.send(clock.now().toEpochMilli());
        return last;
    }

    public synchronized void observe(Hlc remote) {
        last = last.receive(remote, clock.now().toEpochMilli());
    }
}
