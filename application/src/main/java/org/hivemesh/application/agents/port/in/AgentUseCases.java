package org.hivemesh.application.agents.port.in;

import java.time.Instant;
import java.util.List;
import org.hivemesh.application.shared.port.in.HivemeshException;

/** Credentials: agents (admin), sessions (API key), and checking a presented token. */
public interface AgentUseCases {
    CreatedAgent createAgent(CreateAgentCommand command);

    OpenedSession openSession(OpenSessionCommand command);

    Principal authenticate(String bearerToken);

    List<AgentView> agents();

    /** Grants or withdraws the right to open {@code execute} sessions (admin). */
    AgentView grantExecute(String agentId, boolean mayExecute);

    record AgentView(String agentId, String name, boolean mayExecute, Instant createdAt) {
    }

    record CreateAgentCommand(String name) {
        public CreateAgentCommand {
            if (name == null || name.isBlank() || name.length() > 100) {
                throw HivemeshException.invalid("name must be 1-100 characters");
            }
        }
    }

    record CreatedAgent(String agentId, String name, String apiKey, Instant createdAt) {
    }

    record OpenSessionCommand(String apiKey, Scope scope) {
        public OpenSessionCommand {
            if (apiKey == null || apiKey.isBlank()) {
                throw HivemeshException.invalid("api_key is required");
            }
        }
    }

    record OpenedSession(String token, Scope scope, Instant expiresAt, String agentId) {
    }
}
