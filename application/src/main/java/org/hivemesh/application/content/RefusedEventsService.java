package org.hivemesh.application.content;

import jakarta.inject.Inject;
import java.util.List;
import org.hivemesh.application.content.port.in.RefusedEventsUseCase;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.content.port.out.StateStore.RefusedEvent;
import org.hivemesh.application.shared.port.in.HivemeshException;

public final class RefusedEventsService implements RefusedEventsUseCase {
    private static final int MAX_LIMIT = 1000;

    private final HiveAccess access;
    private final StateStore state;

    @Inject
    public RefusedEventsService(HiveAccess access, StateStore state) {
        this.access = access;
        this.state = state;
    }

    @Override
    public List<RefusedEvent> refused(String groupId, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw HivemeshException.invalid("limit must be between 1 and " + MAX_LIMIT);
        }
        access.hiveOfGroup(groupId);
        return state.refused(groupId, limit);
    }
}
