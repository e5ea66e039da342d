package org.hivemesh.application.port.in;

import java.time.Instant;

/** Credentials: agents (admin), sessions (API key), and checking a presented token. */
public interface AgentUseCases {
    CreatedAgent createAgent(CreateAgentCommand command);

    OpenedSession openSession(OpenSessionCommand command);

    Principal authenticate(String bearerToken);

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
