package org.hivemesh.application.content.port.in;

import java.util.List;
import org.hivemesh.application.content.port.out.StateStore.RefusedEvent;

/** What the authority rules kept without effect in a group (admin). */
public interface RefusedEventsUseCase {
    /** Newest first, each with the rule that refused it. */
    List<RefusedEvent> refused(String groupId, int limit);
}
