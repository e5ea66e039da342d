package org.hivemesh.application.agents;

import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.agents.port.in.Scope;
import org.hivemesh.application.agents.port.out.Credentials;
import org.hivemesh.application.agents.port.out.Credentials.AgentRecord;
import org.hivemesh.application.agents.port.out.Credentials.SessionRecord;
import org.hivemesh.application.shared.Secrets;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdGenerator;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.JsonValue.JsonObject;

public final class AgentService implements AgentUseCases {
    /** Sessions are never renewed: after eight hours the agent opens a new one with its API key. */
    public static final Duration SESSION_TTL = Duration.ofHours(8);

    private final Credentials credentials;
    private final Audit audit;
    private final Clock clock;
    private final IdGenerator ids;
    private final InstanceIdentity identity;
    private final Transactions transactions;
    private final int maxSessionsPerAgent;
    private final CredentialCache cache = new CredentialCache();

    /** {@code maxSessionsPerAgent}: live sessions one agent may hold; more are refused until some expire. */
    public record Settings(int maxSessionsPerAgent) {
        public static final int DEFAULT_MAX_SESSIONS_PER_AGENT = 50;
    }

    @Inject
    public AgentService(Credentials credentials, Audit audit, Clock clock, IdGenerator ids, InstanceIdentity identity,
                        Transactions transactions, Settings settings) {
        this.maxSessionsPerAgent = settings.maxSessionsPerAgent();
        this.credentials = credentials;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
        this.identity = identity;
        this.transactions = transactions;
    }

    @Override
    public CreatedAgent createAgent(CreateAgentCommand command) {
        String apiKey = ids.secret("hmk_");
        AgentRecord agent = new AgentRecord(ids.id("agt_"), command.name(), Secrets.hash(apiKey), clock.now(), false);
        return transactions.inTransaction(() -> {
            credentials.createAgent(agent);
            audit.record("agent_created",
                    Optional.empty(), "admin", JsonObject.builder().put("agent_id", agent.agentId())
                    .put("name", agent.name()).build());
            return new CreatedAgent(agent.agentId(), agent.name(), apiKey, agent.createdAt());
        });
    }

    @Override
    public OpenedSession openSession(OpenSessionCommand command) {
        AgentRecord agent = credentials.agentByApiKeyHash(Secrets.hash(command.apiKey()))
                .orElseThrow(() -> HivemeshException.unauthenticated("unknown API key"));
        if (command.scope() == Scope.EXECUTE && !agent.mayExecute()) {
            throw new HivemeshException(HivemeshException.Kind.FORBIDDEN, "execute_not_granted", "agent "
                    + agent.agentId() + " may not open execute sessions; the admin grants it with PATCH "
                    + "/api/v1/agents/" + agent.agentId() + " {\"may_execute\": true}");
        }
        String token = ids.secret("hms_");
        Instant now = clock.now();
        SessionRecord session = new SessionRecord(Secrets.hash(token), agent.agentId(), command.scope().wire(), now,
                now.plus(SESSION_TTL));
        transactions.inTransaction(() -> {
            if (credentials.liveSessions(agent.agentId(), now) >= maxSessionsPerAgent) {
                throw HivemeshException.limited("too_many_sessions", "agent " + agent.agentId() + " already holds "
                        + maxSessionsPerAgent + " live sessions; reuse one or wait until one expires");
            }
            credentials.createSession(session);
            return null;
        });
        return new OpenedSession(token, command.scope(), session.expiresAt(), agent.agentId());
    }

    @Override
    public List<AgentView> agents() {
        return credentials.agents().stream().map(AgentService::view).toList();
    }

    @Override
    public AgentView grantExecute(String agentId, boolean mayExecute) {
        try {
            return transactions.inTransaction(() -> {
                if (!credentials.grantExecute(agentId, mayExecute)) {
                    throw HivemeshException.notFound("agent", agentId);
                }
                audit.record("agent_execute_" + (mayExecute
                        ? "granted" : "withdrawn"), Optional.empty(), "admin", JsonObject.builder().put("agent_id", agentId)
                        .build());
                return view(credentials.agentById(agentId).orElseThrow());
            });
        } finally {
            cache.agentChanged(agentId);
        }
    }

    private static AgentView view(AgentRecord agent) {
        return new AgentView(agent.agentId(), agent.name(), agent.mayExecute(), agent.createdAt());
    }

    @Override
    public Principal authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw HivemeshException.unauthenticated("a session token is required (Authorization: Bearer <token>)");
        }
        String tokenHash = Secrets.hash(bearerToken);
        SessionRecord session = cache.session(tokenHash, () -> credentials.sessionByTokenHash(tokenHash))
                .orElseThrow(() -> HivemeshException.unauthenticated("unknown session token"));
        if (!clock.now().isBefore(session.expiresAt())) {
            throw new HivemeshException(HivemeshException.Kind.UNAUTHENTICATED, "token_expired",
                    "session token expired at " + session.expiresAt() + "; open a new session");
        }
        AgentRecord agent = cache.agent(session.agentId(), () -> credentials.agentById(session.agentId()))
                .orElseThrow(() -> HivemeshException.unauthenticated("the agent of this session no longer exists"));
        Scope scope = Scope.fromWire(session.scope());
        // A withdrawn grant takes effect at once, also for execute sessions opened before.
        if (scope == Scope.EXECUTE && !agent.mayExecute()) {
            scope = Scope.READ_WRITE;
        }
        return new Principal(new AgentRef(identity.instanceId(), agent.agentId(), agent.name()), scope);
    }
}
