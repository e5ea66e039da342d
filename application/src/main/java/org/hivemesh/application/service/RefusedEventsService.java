package org.hivemesh.application.service;

import java.util.List;
import org.hivemesh.application.port.in.HivemeshException;
import org.hivemesh.application.port.in.PeerProtocolUseCases;
import org.hivemesh.application.port.in.RefusedEventsUseCase;
import org.hivemesh.application.port.out.StateStore;
import org.hivemesh.application.port.out.StateStore.RefusedEvent;

public final class RefusedEventsService implements RefusedEventsUseCase {
    private final HiveAccess access;
    private final StateStore state;

    public RefusedEventsService(HiveAccess access, StateStore state) {
        this.access = access;
        this.state = state;
    }

    @Override
    public List<RefusedEvent> refused(String groupId, int limit) {
        if (limit < 1 || limit > PeerProtocolUseCases.MAX_PAGE) {
            throw HivemeshException.invalid("limit must be between 1 and " + PeerProtocolUseCases.MAX_PAGE);
        }
        access.hiveOfGroup(groupId);
        return state.refused(groupId, limit);
    }
}
