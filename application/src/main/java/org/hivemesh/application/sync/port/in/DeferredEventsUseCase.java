package org.hivemesh.application.sync.port.in;

/** Events held back because their clock was too far ahead are stored once due. */
public interface DeferredEventsUseCase {
    /** Returns how many were stored. */
    int releaseDue();
}
