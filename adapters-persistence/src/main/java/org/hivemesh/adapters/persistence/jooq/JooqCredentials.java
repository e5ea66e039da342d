package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.agents.port.out.Credentials;
import org.jooq.Condition;
import org.jooq.Record;

final class JooqCredentials implements Credentials {
    private final JooqTransactions tx;

    JooqCredentials(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void createAgent(AgentRecord agent) {
        tx.inTransaction(() -> tx.ctx().insertInto(AGENTS).set(AGENT_ID, agent.agentId()).set(AGENT_NAME, agent.name())
                .set(API_KEY_HASH, agent.apiKeyHash()).set(CREATED_AT, agent.createdAt().toEpochMilli())
                .set(MAY_EXECUTE, agent.mayExecute() ? 1 : 0).execute());
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
        return tx.ctx().select(AGENT_ID, AGENT_NAME, API_KEY_HASH, CREATED_AT, MAY_EXECUTE).from(AGENTS).where(where)
                .fetchOptional(JooqCredentials::agent);
    }

    private static AgentRecord agent(Record r) {
        return new AgentRecord(r.get(AGENT_ID), r.get(AGENT_NAME), r.get(API_KEY_HASH),
                Instant.ofEpochMilli(r.get(CREATED_AT)), r.get(MAY_EXECUTE) == 1);
    }

    @Override
    public List<AgentRecord> agents() {
        return tx.ctx().select(AGENT_ID, AGENT_NAME, API_KEY_HASH, CREATED_AT, MAY_EXECUTE).from(AGENTS)
                .orderBy(CREATED_AT, AGENT_ID).fetch(JooqCredentials::agent);
    }

    @Override
    public boolean grantExecute(String agentId, boolean mayExecute) {
        return tx.inTransaction(() -> tx.ctx().update(AGENTS).set(MAY_EXECUTE, mayExecute ? 1 : 0)
                .where(AGENT_ID.eq(agentId)).execute()) == 1;
    }

    @Override
    public int liveSessions(String agentId, Instant now) {
        return tx.ctx().fetchCount(SESSIONS, AGENT_ID.eq(agentId).and(EXPIRES_AT.gt(now.toEpochMilli())));
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
