package org.hivemesh.adapters.http.admin;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hivemesh.adapters.http.ApiError;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.JsonBodies;
import org.hivemesh.adapters.http.Route;
import org.hivemesh.adapters.http.Route.Auth;
import org.hivemesh.adapters.http.Router;
import org.hivemesh.adapters.http.Schema;
import org.hivemesh.adapters.http.SourceLimits;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.agents.port.in.Scope;
import org.hivemesh.application.shared.port.in.AdminAuthentication;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.AuditLog;
import org.hivemesh.domain.event.JsonFieldException;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** Agents (admin token), sessions (API key), and the audit log (admin token, read only). */
public final class CredentialRoutes implements HttpRoutes {
    private final AgentUseCases agents;
    private final AdminAuthentication admin;
    private final AuditLog audit;
    private final SourceLimits failedLogins;

    /** {@code failedLoginsPerMinute}: wrong API keys one source address may present before it must wait. */
    public CredentialRoutes(AgentUseCases agents, AdminAuthentication admin, AuditLog audit, int failedLoginsPerMinute) {
        this.failedLogins = new SourceLimits(failedLoginsPerMinute, Duration.ofMinutes(1), 10_000);
        this.agents = agents;
        this.admin = admin;
        this.audit = audit;
    }

    private static final Schema AGENT = Schema.object().required("agent_id", Schema.string())
            .required("name", Schema.string()).required("may_execute", Schema.bool())
            .required("created_at", Schema.timestamp()).named("Agent");
    private static final Schema CREATED_AGENT = Schema.object().required("agent_id", Schema.string())
            .required("name", Schema.string()).required("api_key", Schema.string().describe("shown once"))
            .required("created_at", Schema.timestamp()).named("CreatedAgent");
    private static final Schema SESSION = Schema.object().required("token", Schema.string())
            .required("scope", Schema.enumOf(Scope.READ.wire(), Scope.READ_WRITE.wire(), Scope.EXECUTE.wire()))
            .required("expires_at", Schema.timestamp()).required("agent_id", Schema.string()).named("Session");
    private static final Schema AUDIT_RECORD = Schema.object().required("id", Schema.string())
            .required("at", Schema.timestamp()).required("action", Schema.string())
            .required("group", Schema.string().nullable()).required("actor", Schema.string())
            .required("details", Schema.map(Schema.any())).named("AuditRecord");

    private static JsonObject agent(AgentUseCases.AgentView a) {
        return JsonObject.builder().put("agent_id", a.agentId()).put("name", a.name()).put("may_execute", a.mayExecute())
                .put("created_at", a.createdAt().toString()).build();
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/agents", Route.op("createAgent", "create an agent; its API key is shown once")
                .auth(Auth.ADMIN).body(Schema.object().required("name", Schema.string()).named("CreateAgentRequest"))
                .returns(201, CREATED_AGENT).errors(409), ctx -> {
            admin.require(JsonBodies.bearer(ctx).orElse(null));
            JsonObject body = JsonBodies.object(ctx);
            AgentUseCases.CreatedAgent agent = agents.createAgent(new AgentUseCases.CreateAgentCommand(body.string("name")));
            JsonBodies.respond(ctx, 201, JsonObject.builder().put("agent_id", agent.agentId()).put("name", agent.name())
                    .put("api_key", agent.apiKey()).put("created_at", agent.createdAt().toString()).build());
        });
        router.get("/api/v1/agents", Route.op("listAgents", "agents and whether each may open execute sessions")
                .auth(Auth.ADMIN).returns(200, Schema.object().required("data", Schema.array(AGENT)).named("AgentList")),
                ctx -> {
            admin.require(JsonBodies.bearer(ctx).orElse(null));
            JsonBodies.respond(ctx, 200, JsonObject.builder().putArray("data", agents.agents().stream()
                    .map(CredentialRoutes::agent).toList()).build());
        });
        router.patch("/api/v1/agents/{id}", Route.op("updateAgent", "grant or withdraw the right to approve merges (execute)")
                .auth(Auth.ADMIN).body(Schema.object().required("may_execute", Schema.bool()).named("UpdateAgentRequest"))
                .returns(200, AGENT), ctx -> {
            admin.require(JsonBodies.bearer(ctx).orElse(null));
            JsonObject body = JsonBodies.object(ctx);
            JsonValue grant = body.required("may_execute");
            if (!(grant instanceof JsonValue.JsonBool b)) {
                throw new JsonFieldException("may_execute", "must be true or false");
            }
            JsonBodies.respond(ctx, 200, agent(agents.grantExecute(ctx.pathParam("id"), b.value())));
        });
        router.post("/api/v1/sessions", Route.op("openSession", "exchange an API key for a session token (8 hours)")
                .body(Schema.object().required("api_key", Schema.string())
                        .optional("scope", Schema.enumOf(Scope.READ.wire(), Scope.READ_WRITE.wire(), Scope.EXECUTE.wire())
                                .describe("default read-write; execute only for agents granted may_execute"))
                        .named("OpenSessionRequest"))
                .returns(201, SESSION).errors(401, 403, 429), ctx -> {
            String source = ctx.ip();
            if (!failedLogins.hasPermits(source)) {
                ctx.header("Retry-After", Long.toString(failedLogins.secondsUntilRefill()));
                throw new ApiError(429, "too_many_attempts", "too many wrong API keys from " + source + "; retry later");
            }
            JsonObject body = JsonBodies.object(ctx);
            Scope scope = Scope.fromWire(body.optionalString("scope").orElse("read-write"));
            AgentUseCases.OpenedSession session;
            try {
                session = agents.openSession(new AgentUseCases.OpenSessionCommand(body.string("api_key"), scope));
            } catch (HivemeshException e) {
                if (e.kind() == HivemeshException.Kind.UNAUTHENTICATED) {
                    failedLogins.tryAcquire(source);
                }
                throw e;
            }
            JsonBodies.respond(ctx, 201, JsonObject.builder().put("token", session.token())
                    .put("scope", session.scope().wire()).put("expires_at", session.expiresAt().toString())
                    .put("agent_id", session.agentId()).build());
        });
        router.get("/api/v1/audit", Route.op("listAudit", "audit records, newest first").auth(Auth.ADMIN)
                .query("group", Schema.string(), "only this group's records")
                .query("limit", Schema.integer(), "1 to 1000, default 100")
                .returns(200, Schema.object().required("data", Schema.array(AUDIT_RECORD)).named("AuditList")), ctx -> {
            admin.require(JsonBodies.bearer(ctx).orElse(null));
            int limit = JsonBodies.intQuery(ctx, "limit").orElse(100);
            if (limit < 1 || limit > 1000) {
                throw new IllegalArgumentException("limit must be between 1 and 1000");
            }
            JsonBodies.respond(ctx, 200, JsonObject.builder().putArray("data", audit
                    .list(Optional.ofNullable(ctx.queryParam("group")), limit).stream()
                    .map(r -> JsonObject.builder().put("id", r.id()).put("at", r.at().toString()).put("action", r.action())
                            .put("group", r.group().<JsonValue>map(JsonValue::of).orElse(JsonValue.NULL))
                            .put("actor", r.actor()).put("details", r.details()).build())
                    .collect(Collectors.toList())).build());
        });
    }
}
