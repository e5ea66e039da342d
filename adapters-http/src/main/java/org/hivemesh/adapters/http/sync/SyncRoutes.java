package org.hivemesh.adapters.http.sync;

import static org.hivemesh.adapters.http.sync.SyncSchemas.*;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.util.InetAddressSet;
import org.hivemesh.adapters.http.ApiError;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.JsonBodies;
import org.hivemesh.adapters.http.Route;
import org.hivemesh.adapters.http.Route.Auth;
import org.hivemesh.adapters.http.Router;
import org.hivemesh.adapters.http.Schema;
import org.hivemesh.adapters.http.SourceLimits;
import org.hivemesh.application.consent.port.in.ConsentProtocolUseCases;
import org.hivemesh.application.consent.port.in.RosterProtocolUseCase;
import org.hivemesh.application.consent.port.wire.ConsentJson;
import org.hivemesh.application.sync.port.in.EventExchangeUseCase;
import org.hivemesh.application.sync.port.in.HandshakeUseCase;
import org.hivemesh.application.sync.port.in.HeartbeatUseCase;
import org.hivemesh.application.sync.port.in.PeerGroupUseCase;
import org.hivemesh.application.sync.port.in.PeerRequestAuthentication;
import org.hivemesh.application.sync.port.in.SyncTokenAuthentication;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.SyncWire;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.peer.PeerRequest;

/**
 * The peer protocol of API.md. Every request is signed by the calling instance and checked before any route runs
 * (one filter for all of {@code /sync/v1}); every group call also needs the sync token the handshake issued to
 * that same instance. Strangers are bounded before they prove anything: an optional allowlist of source networks,
 * and a handshake rate per source address.
 */
public final class SyncRoutes implements HttpRoutes {
    private static final String CALLER = "hivemesh.caller";
    private static final String HANDSHAKE = "/sync/v1/handshake";

    private final PeerRequestAuthentication authentication;
    private final SyncTokenAuthentication tokens;
    private final HandshakeUseCase handshake;
    private final EventExchangeUseCase exchange;
    private final PeerGroupUseCase groups;
    private final HeartbeatUseCase heartbeats;
    private final ConsentProtocolUseCases consent;
    private final RosterProtocolUseCase roster;
    private final RateLimiterRegistry limits;
    private final SourceLimits handshakes;
    private final Optional<InetAddressSet> allowed;

    /**
     * {@code requestsPerSecond}: what one peer may send before it gets 429 with Retry-After;
     * {@code handshakesPerMinute}: per source address; {@code allowCidrs}: if not empty, the only networks that
     * may reach /sync/v1 (seed 3.13, mesh-only access).
     */
    public record Settings(int requestsPerSecond, int handshakesPerMinute, List<String> allowCidrs) {
        public static final int DEFAULT_HANDSHAKES_PER_MINUTE = 60;
    }

    /** What the peer routes answer with, each a use case of its own. */
    public record UseCases(PeerRequestAuthentication authentication, SyncTokenAuthentication tokens,
                           HandshakeUseCase handshake, EventExchangeUseCase exchange, PeerGroupUseCase groups,
                           HeartbeatUseCase heartbeats, ConsentProtocolUseCases consent, RosterProtocolUseCase roster) {
    }

    public SyncRoutes(UseCases useCases, Settings settings) {
        this.authentication = useCases.authentication();
        this.tokens = useCases.tokens();
        this.handshake = useCases.handshake();
        this.exchange = useCases.exchange();
        this.groups = useCases.groups();
        this.heartbeats = useCases.heartbeats();
        this.consent = useCases.consent();
        this.roster = useCases.roster();
        this.limits = RateLimiterRegistry.of(RateLimiterConfig.custom().limitForPeriod(settings.requestsPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build());
        this.handshakes = new SourceLimits(settings.handshakesPerMinute(), Duration.ofMinutes(1), 10_000);
        if (settings.allowCidrs().isEmpty()) {
            this.allowed = Optional.empty();
        } else {
            InetAddressSet set = new InetAddressSet();
            settings.allowCidrs().forEach(set::add);
            this.allowed = Optional.of(set);
        }
    }

    /** One check for every peer route: where from, then who (the signature), before anything else happens. */
    private void verify(Context ctx) {
        if (allowed.isPresent() && !allowed.get().test(address(ctx.ip()))) {
            throw new ApiError(403, "source_not_allowed", "this instance takes /sync/v1 requests only from its "
                    + "configured networks (sync_allow_cidrs)");
        }
        // The route that matched, not the raw path: "/sync/v1/handshake/" reaches the handshake too.
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        boolean handshake = matched != null && matched.path.equals(HANDSHAKE);
        Optional<String> offeredKey = Optional.empty();
        if (handshake) {
            if (!handshakes.tryAcquire(ctx.ip())) {
                ctx.header("Retry-After", Long.toString(handshakes.secondsUntilRefill()));
                throw new ApiError(429, "rate_limited", "too many handshakes from " + ctx.ip() + "; retry later");
            }
            offeredKey = Optional.of(SyncWire.offeredKey(JsonBodies.object(ctx)));
        }
        String query = ctx.queryString();
        String target = ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
        String caller = authentication.verify(new PeerRequestAuthentication.SignedRequest(ctx.method().name(), target,
                ctx.header(PeerRequest.ORIGIN), ctx.header(PeerRequest.DESTINATION), ctx.header(PeerRequest.DATE),
                ctx.header(PeerRequest.SIGNATURE), ctx.bodyAsBytes()), offeredKey);
        ctx.attribute(CALLER, caller);
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new ApiError(403, "source_not_allowed", "unparseable source address " + ip);
        }
    }

    private static Optional<Hlc> ownAfter(Context ctx) {
        String given = ctx.queryParam("own_after");
        if (given == null || given.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Hlc.parse(given));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "invalid_query", "query parameter 'own_after' must be an HLC: " + e.getMessage());
        }
    }

    private static String caller(Context ctx) {
        return Objects.requireNonNull(ctx.attribute(CALLER), "peer requests are verified before any route");
    }

    /** A signed request with the caller's sync token. */
    private static Route.Spec op(String operationId, String summary) {
        return Route.op(operationId, summary).auth(Auth.SYNC);
    }

    private PeerRecord peer(Context ctx) {
        PeerRecord peer = tokens.authenticate(JsonBodies.bearer(ctx).orElse(null), caller(ctx));
        if (!limits.rateLimiter(peer.peerId()).acquirePermission()) {
            ctx.header("Retry-After", "1");
            throw new ApiError(429, "rate_limited", "too many requests from this peer; retry after 1 s");
        }
        return peer;
    }

    @Override
    public void register(Router router) {
        router.beforeMatched("/sync/v1/*", this::verify);
        router.post(HANDSHAKE, Route.op("handshake", "join a sync group; returns a sync token, the reply signed")
                .auth(Auth.SIGNED).body(HANDSHAKE_REQUEST).returns(200, HANDSHAKE_REPLY).errors(403, 404, 409), ctx -> {
            String caller = caller(ctx);
            byte[] answer = SyncWire.toJson(handshake.accept(SyncWire.handshakeRequest(JsonBodies.object(ctx)), caller))
                    .canonical().getBytes(StandardCharsets.UTF_8);
            authentication.signReply("POST", HANDSHAKE, caller, answer).forEach(ctx::header);
            ctx.status(200).contentType("application/json").result(answer);
        });
        router.get("/sync/v1/groups/{id}/events", op("pullEvents", "backfill / catch-up page")
                .query("since", Schema.integer(), "after this seq of ours (default 0)")
                .query("limit", Schema.integer(), "default 500")
                .query("unshared", Schema.integer(), "how many unshared events the caller holds")
                .query("own_after", Schema.string(), "HLC of the caller's latest event: its own later ones come back")
                .returns(200, EVENT_PAGE).errors(409), ctx -> {
            PeerRecord peer = peer(ctx);
            JsonBodies.respond(ctx, 200, SyncWire.toJson(exchange.events(peer, ctx.pathParam("id"),
                    JsonBodies.intQuery(ctx, "since").orElse(0),
                    JsonBodies.intQuery(ctx, "limit").orElse(EventExchangeUseCase.DEFAULT_PAGE),
                    JsonBodies.intQuery(ctx, "unshared").orElse(0), ownAfter(ctx))));
        });
        router.post("/sync/v1/groups/{id}/events", op("pushEvents", "push a batch; each event is verified before it is stored")
                .body(PUSH).returns(200, PUSH_REPLY).errors(409), ctx -> {
            PeerRecord peer = peer(ctx);
            JsonBodies.respond(ctx, 200, SyncWire.toJson(exchange.receive(peer, ctx.pathParam("id"),
                    SyncWire.pushBatch(JsonBodies.object(ctx)))));
        });
        router.get("/sync/v1/groups/{id}/status", op("peerGroupStatus", "this instance's view of the group")
                .returns(200, GROUP),
                ctx -> JsonBodies.respond(ctx, 200, SyncViews.group(groups.status(peer(ctx), ctx.pathParam("id")))));
        router.post("/sync/v1/groups/{id}/leave", op("leaveGroup", "stop syncing this group with the caller")
                .returns(200, OK), ctx -> {
            groups.leave(peer(ctx), ctx.pathParam("id"));
            JsonBodies.respond(ctx, 200, SyncWire.OK);
        });
        router.post("/sync/v1/groups/{id}/merge-plans", op("proposeMergePlan",
                "the owner proposes a merge plan to a roster member").body(MESSAGE).returns(200, OK).errors(409), ctx -> {
            consent.receiveProposal(peer(ctx), ctx.pathParam("id"), ConsentJson.proposal(JsonBodies.object(ctx)));
            JsonBodies.respond(ctx, 200, SyncWire.OK);
        });
        router.post("/sync/v1/groups/{id}/roster", op("sendRoster", "the owner of a governed group sends its roster")
                .body(MESSAGE).returns(200, OK).errors(409), ctx -> {
            PeerRecord peer = peer(ctx);
            roster.receiveRoster(peer, ctx.pathParam("id"), SyncWire.roster(JsonBodies.object(ctx)));
            JsonBodies.respond(ctx, 200, SyncWire.OK);
        });
        router.post("/sync/v1/groups/{id}/approvals", op("sendApproval",
                "a roster member's signed approval or rejection of a plan").body(MESSAGE).returns(200, OK).errors(409), ctx -> {
            consent.receiveApproval(peer(ctx), ConsentJson.approval(ctx.pathParam("id"), JsonBodies.object(ctx)));
            JsonBodies.respond(ctx, 200, SyncWire.OK);
        });
        router.post("/sync/v1/heartbeat", op("heartbeat", "liveness and seq_by_group in both directions")
                .body(HEARTBEAT).returns(200, HEARTBEAT), ctx -> {
            PeerRecord peer = peer(ctx);
            JsonBodies.respond(ctx, 200,
                    SyncWire.toJson(heartbeats.receive(peer, SyncWire.heartbeat(JsonBodies.object(ctx)))));
        });
    }
}
