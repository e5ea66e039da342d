package org.hivemesh.application.port.out;

import java.time.Instant;
import java.util.Optional;

/** Agents, their API keys and session tokens; only SHA-256 hashes of keys and tokens are stored. */
public interface Credentials {
    void createAgent(AgentRecord agent);

    Optional<AgentRecord> agentById(String agentId);

    Optional<AgentRecord> agentByApiKeyHash(String apiKeyHash);

    void createSession(SessionRecord session);

    Optional<SessionRecord> sessionByTokenHash(String tokenHash);

    record AgentRecord(String agentId, String name, String apiKeyHash, Instant createdAt) {
    }

    record SessionRecord(String tokenHash, String agentId, String scope, Instant createdAt, Instant expiresAt) {
    }
}
