package org.hivemesh.application.agents.port.in;

import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.domain.event.AgentRef;

/** The agent behind a session token: the author of whatever it writes. */
public record Principal(AgentRef agent, Scope scope) {
    public void require(Scope needed) {
        if (!scope.covers(needed)) {
            throw HivemeshException.forbidden("this session has scope '" + scope.wire() + "'; '" + needed.wire() + "' is required");
        }
    }
}
