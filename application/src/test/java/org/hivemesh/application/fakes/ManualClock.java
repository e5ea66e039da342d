package org.hivemesh.application.fakes;

import java.time.Duration;
import java.time.Instant;
import org.hivemesh.application.shared.port.out.Clock;

/** A clock tests move by hand. */
public final class ManualClock implements Clock {
    private Instant now;

    public ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }
}
