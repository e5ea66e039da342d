package org.hivemesh.application.fakes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hivemesh.application.agents.port.out.Credentials;

public final class InMemoryCredentials implements Credentials {
    private final Map<String, AgentRecord> agents = new ConcurrentHashMap<>();
    private final Map<String, SessionRecord> sessions = new ConcurrentHashMap<>();

    @Override
    public void createAgent(AgentRecord agent) {
        agents.put(agent.agentId(), agent);
    }

    @Override
    public Optional<AgentRecord> agentById(String agentId) {
        return Optional.ofNullable(agents.get(agentId));
    }

    @Override
    public Optional<AgentRecord> agentByApiKeyHash(String apiKeyHash) {
        return agents.values().stream().filter(a -> a.apiKeyHash().equals(apiKeyHash)).findFirst();
    }

    @Override
    public List<AgentRecord> agents() {
        return agents.values().stream().sorted(java.util.Comparator.comparing(AgentRecord::createdAt)
                .thenComparing(AgentRecord::agentId)).toList();
    }

    @Override
    public boolean grantExecute(String agentId, boolean mayExecute) {
        return agents.computeIfPresent(agentId, (id, a) -> new AgentRecord(id, a.name(), a.apiKeyHash(), a.createdAt(),
                mayExecute)) != null;
    }

    @Override
    public int liveSessions(String agentId, Instant now) {
        return (int) sessions.values().stream().filter(s -> s.agentId().equals(agentId) && s.expiresAt().isAfter(now)).count();
    }

    @Override
    public void createSession(SessionRecord session) {
        sessions.put(session.tokenHash(), session);
    }

    @Override
    public Optional<SessionRecord> sessionByTokenHash(String tokenHash) {
        return Optional.ofNullable(sessions.get(tokenHash));
    }
}
