package org.hivemesh.application.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.hivemesh.application.port.in.AgentUseCases;
import org.hivemesh.application.port.in.HivemeshException;
import org.hivemesh.application.port.in.Principal;
import org.hivemesh.application.port.in.Scope;
import org.hivemesh.application.port.out.AuditLog;
import org.hivemesh.application.port.out.Clock;
import org.hivemesh.application.port.out.Credentials;
import org.hivemesh.application.port.out.Credentials.AgentRecord;
import org.hivemesh.application.port.out.Credentials.SessionRecord;
import org.hivemesh.application.port.out.InstanceIdentity;
import org.hivemesh.application.port.out.Transactions;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.JsonValue.JsonObject;

public final class AgentService implements AgentUseCases {
    /** Sessions are never renewed: after eight hours the agent opens a new one with its API key. */
    public static final Duration SESSION_TTL = Duration.ofHours(8);

    private final Credentials credentials;
    private final AuditLog audit;
    private final Clock clock;
    private final InstanceIdentity identity;
    private final Transactions transactions;

    public AgentService(Credentials credentials, AuditLog audit, Clock clock, InstanceIdentity identity,
                        Transactions transactions) {
        this.credentials = credentials;
        this.audit = audit;
        this.clock = clock;
        this.identity = identity;
        this.transactions = transactions;
    }

    @Override
    public CreatedAgent createAgent(CreateAgentCommand command) {
        String apiKey = Secrets.secret("hmk_");
        AgentRecord agent = new AgentRecord(Secrets.id("agt_"), command.name(), Secrets.hash(apiKey), clock.now());
        return transactions.inTransaction(() -> {
            credentials.createAgent(agent);
            audit.record(new AuditLog.AuditRecord(Secrets.id("aud_"), agent.createdAt(), "agent_created",
                    Optional.empty(), "admin", JsonObject.builder().put("agent_id", agent.agentId())
                    .put("name", agent.name()).build()));
            return new CreatedAgent(agent.agentId(), agent.name(), apiKey, agent.createdAt());
        });
    }

    @Override
    public OpenedSession openSession(OpenSessionCommand command) {
        AgentRecord agent = credentials.agentByApiKeyHash(Secrets.hash(command.apiKey()))
                .orElseThrow(() -> HivemeshException.unauthenticated("unknown API key"));
        String token = Secrets.secret("hms_");
        Instant now = clock.now();
        SessionRecord session = new SessionRecord(Secrets.hash(token), agent.agentId(), command.scope().wire(), now,
                now.plus(SESSION_TTL));
        transactions.inTransaction(() -> {
            credentials.createSession(session);
            return null;
        });
        return new OpenedSession(token, command.scope(), session.expiresAt(), agent.agentId());
    }

    @Override
    public Principal authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw HivemeshException.unauthenticated("a session token is required (Authorization: Bearer <token>)");
        }
        SessionRecord session = credentials.sessionByTokenHash(Secrets.hash(bearerToken))
                .orElseThrow(() -> HivemeshException.unauthenticated("unknown session token"));
        if (!clock.now().isBefore(session.expiresAt())) {
            throw new HivemeshException(HivemeshException.Kind.UNAUTHENTICATED, "token_expired",
                    "session token expired at " + session.expiresAt() + "; open a new session");
        }
        AgentRecord agent = credentials.agentById(session.agentId())
                .orElseThrow(() -> HivemeshException.unauthenticated("the agent of this session no longer exists"));
        return new Principal(new AgentRef(identity.instanceId(), agent.agentId(), agent.name()),
                Scope.fromWire(session.scope()));
    }
}
