package org.hivemesh.application.content;

import java.util.List;
import org.hivemesh.application.content.port.in.RefusedEventsUseCase;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.content.port.out.StateStore.RefusedEvent;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.sync.port.in.PeerProtocolUseCases;

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
