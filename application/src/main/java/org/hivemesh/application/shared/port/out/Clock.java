package org.hivemesh.application.shared.port.out;

import java.time.Instant;

public interface Clock {
    Instant now();
}
