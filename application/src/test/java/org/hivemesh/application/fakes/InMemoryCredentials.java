package org.hivemesh.application.fakes;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hivemesh.application.port.out.Credentials;

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
    public void createSession(SessionRecord session) {
        sessions.put(session.tokenHash(), session);
    }

    @Override
    public Optional<SessionRecord> sessionByTokenHash(String tokenHash) {
        return Optional.ofNullable(sessions.get(tokenHash));
    }
}
