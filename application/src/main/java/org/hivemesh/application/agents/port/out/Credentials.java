package org.hivemesh.application.agents.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Agents, their API keys and session tokens; only SHA-256 hashes of keys and tokens are stored. */
public interface Credentials {
    void createAgent(AgentRecord agent);

    Optional<AgentRecord> agentById(String agentId);

    Optional<AgentRecord> agentByApiKeyHash(String apiKeyHash);

    /** Every agent, oldest first. */
    List<AgentRecord> agents();

    /** Whether the agent may open {@code execute} sessions (approve merges); false if there is no such agent. */
    boolean grantExecute(String agentId, boolean mayExecute);

    void createSession(SessionRecord session);

    Optional<SessionRecord> sessionByTokenHash(String tokenHash);

    /** Sessions of this agent that have not expired at {@code now}. */
    int liveSessions(String agentId, Instant now);

    /** {@code mayExecute}: granted by the admin; without it an agent's sessions cannot approve merges. */
    record AgentRecord(String agentId, String name, String apiKeyHash, Instant createdAt, boolean mayExecute) {
    }

    record SessionRecord(String tokenHash, String agentId, String scope, Instant createdAt, Instant expiresAt) {
    }
}
