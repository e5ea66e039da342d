package org.hivemesh.application.consent.port.in;

import java.time.LocalTime;
import org.hivemesh.domain.consent.Cadence;

/** When this instance merges a group's incoming events. */
public interface CadenceUseCase {
    /** Continuous, nightly (the window opening at {@code nightlyAt} UTC) or on-open. */
    void setCadence(String groupId, Cadence.Mode mode, LocalTime nightlyAt);
}
