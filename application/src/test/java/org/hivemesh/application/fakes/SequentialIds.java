package org.hivemesh.application.fakes;

import java.util.concurrent.atomic.AtomicLong;
import org.hivemesh.application.shared.port.out.IdGenerator;

/** Predictable identifiers: {@code prefix} + a counter, so a test can name what it expects. */
public final class SequentialIds implements IdGenerator {
    private final AtomicLong next = new AtomicLong(1);

    @Override
    public String id(String prefix) {
        return prefix + String.format("%016x", next.getAndIncrement());
    }

    @Override
    public String secret(String prefix) {
        return prefix + "secret-" + next.getAndIncrement();
    }
}
