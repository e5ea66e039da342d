package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.time.Instant;
import java.util.Optional;
import org.hivemesh.application.port.out.Credentials;
import org.jooq.Condition;

final class JooqCredentials implements Credentials {
    private final JooqTransactions tx;

    JooqCredentials(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void createAgent(AgentRecord agent) {
        tx.inTransaction(() -> tx.ctx().insertInto(AGENTS).set(AGENT_ID, agent.agentId()).set(AGENT_NAME, agent.name())
                .set(API_KEY_HASH, agent.apiKeyHash()).set(CREATED_AT, agent.createdAt().toEpochMilli()).execute());
    }

    @Override
    public Optional<AgentRecord> agentById(String agentId) {
        return agent(AGENT_ID.eq(agentId));
    }

    @Override
    public Optional<AgentRecord> agentByApiKeyHash(String apiKeyHash) {
        return agent(API_KEY_HASH.eq(apiKeyHash));
    }

    private Optional<AgentRecord> agent(Condition where) {
        return tx.ctx().select(AGENT_ID, AGENT_NAME, API_KEY_HASH, CREATED_AT).from(AGENTS).where(where)
                .fetchOptional(r -> new AgentRecord(r.get(AGENT_ID), r.get(AGENT_NAME), r.get(API_KEY_HASH),
                        Instant.ofEpochMilli(r.get(CREATED_AT))));
    }

    @Override
    public void createSession(SessionRecord session) {
        tx.inTransaction(() -> tx.ctx().insertInto(SESSIONS).set(TOKEN_HASH, session.tokenHash())
                .set(AGENT_ID, session.agentId()).set(SCOPE, session.scope())
                .set(CREATED_AT, session.createdAt().toEpochMilli()).set(EXPIRES_AT, session.expiresAt().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<SessionRecord> sessionByTokenHash(String tokenHash) {
        return tx.ctx().select(TOKEN_HASH, AGENT_ID, SCOPE, CREATED_AT, EXPIRES_AT).from(SESSIONS)
                .where(TOKEN_HASH.eq(tokenHash))
                .fetchOptional(r -> new SessionRecord(r.get(TOKEN_HASH), r.get(AGENT_ID), r.get(SCOPE),
                        Instant.ofEpochMilli(r.get(CREATED_AT)), Instant.ofEpochMilli(r.get(EXPIRES_AT))));
    }
}
