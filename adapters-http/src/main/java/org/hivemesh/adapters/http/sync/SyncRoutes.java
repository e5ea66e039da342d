package org.hivemesh.adapters.http.sync;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.util.InetAddressSet;
import org.hivemesh.adapters.http.ApiError;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.JsonBodies;
import org.hivemesh.adapters.http.Router;
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
import org.hivemesh.application.sync.port.out.PeerTransport.EventPage;
import org.hivemesh.application.sync.port.out.PeerTransport.HandshakeReply;
import org.hivemesh.application.sync.port.out.PeerTransport.HandshakeRequest;
import org.hivemesh.application.sync.port.out.PeerTransport.Heartbeat;
import org.hivemesh.application.sync.port.out.PeerTransport.PushReply;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.event.JsonFieldException;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.peer.KnownPeer;
import org.hivemesh.domain.peer.PeerRequest;

/**
 * The peer protocol of API.md. Every request is signed by the calling instance and checked before any route runs
 * (one filter for all of {@code /sync/v1}); every group call also needs the sync token the handshake issued to
 * that same instance. Strangers are bounded before they prove anything: an optional allowlist of source networks,
 * and a handshake rate per source address.
 */
public final class SyncRoutes implements HttpRoutes {
    private static final String SYNC = "signed request + sync token";
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
            offeredKey = Optional.of(JsonBodies.object(ctx).string("signing_key"));
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

    private static String caller(Context ctx) {
        return Objects.requireNonNull(ctx.attribute(CALLER), "peer requests are verified before any route");
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
        router.post(HANDSHAKE, "signed request", "join a sync group; returns a sync token, the reply signed", ctx -> {
            JsonObject body = JsonBodies.object(ctx);
            String caller = caller(ctx);
            HandshakeReply reply = handshake.accept(new HandshakeRequest(body.string("sync_group_name"),
                    body.string("instance_id"), body.string("signing_key"), body.optionalString("sync_endpoint").orElse(null),
                    body.optionalString("sync_token").orElse(null)), caller);
            byte[] answer = JsonObject.builder().put("sync_group_id", reply.syncGroupId())
                    .put("instance_id", reply.instanceId()).put("signing_key", reply.signingKey())
                    .put("current_seq", reply.currentSeq()).put("sync_token", reply.syncToken())
                    .put("sync_token_expires_at", reply.syncTokenExpiresAt().toString())
                    .put("owner_instance_id", reply.ownerInstanceId()).put("owner_agent_id", reply.ownerAgentId())
                    .put("hive_name", reply.hiveName()).put("lineage", reply.lineage()).put("consent", reply.consent())
                    .build().canonical().getBytes(StandardCharsets.UTF_8);
            authentication.signReply("POST", HANDSHAKE, caller, answer).forEach(ctx::header);
            ctx.status(200).contentType("application/json").result(answer);
        });
        router.get("/sync/v1/groups/{id}/events", SYNC, "backfill / catch-up page after ?since= (limit default 500)", ctx -> {
            PeerRecord peer = peer(ctx);
            EventPage page = exchange.events(peer, ctx.pathParam("id"), JsonBodies.intQuery(ctx, "since").orElse(0),
                    JsonBodies.intQuery(ctx, "limit").orElse(EventExchangeUseCase.DEFAULT_PAGE),
                    JsonBodies.intQuery(ctx, "unshared").orElse(0));
            JsonBodies.respond(ctx, 200, SyncViews.page(page));
        });
        router.post("/sync/v1/groups/{id}/events", SYNC, "push a batch; each event is verified before it is stored", ctx -> {
            PeerRecord peer = peer(ctx);
            JsonObject body = JsonBodies.object(ctx);
            List<JsonObject> events = new ArrayList<>();
            JsonValue list = body.required("events");
            if (!(list instanceof JsonValue.JsonArray array)) {
                throw new JsonFieldException("events", "must be an array");
            }
            for (JsonValue v : array.items()) {
                if (!(v instanceof JsonObject o)) {
                    throw new JsonFieldException("events", "must hold objects");
                }
                events.add(o);
            }
            Map<String, String> keys = new LinkedHashMap<>();
            body.get("keys").ifPresent(k -> {
                if (!(k instanceof JsonObject o)) {
                    throw new JsonFieldException("keys", "must be an object of instance_id to signing key");
                }
                o.members().forEach((id, key) -> {
                    if (!(key instanceof JsonValue.JsonString s)) {
                        throw new JsonFieldException("keys", "values must be strings");
                    }
                    keys.put(id, s.value());
                });
            });
            long senderSeq = body.get("sender_seq").map(v -> (long) body.number("sender_seq")).orElse(0L);
            PushReply reply = exchange.receive(peer, ctx.pathParam("id"), new EventPage(events, senderSeq, false, keys));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("received_seq", reply.receivedSeq())
                    .put("accepted", reply.accepted()).put("duplicate", reply.duplicate())
                    .put("deferred", reply.deferred()).put("quarantined", reply.quarantined())
                    .put("refused", reply.refused()).build());
        });
        router.get("/sync/v1/groups/{id}/status", SYNC, "this instance's view of the group",
                ctx -> JsonBodies.respond(ctx, 200, SyncViews.group(groups.status(peer(ctx), ctx.pathParam("id")))));
        router.post("/sync/v1/groups/{id}/leave", SYNC, "stop syncing this group with the caller", ctx -> {
            groups.leave(peer(ctx), ctx.pathParam("id"));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("ok", true).build());
        });
        router.post("/sync/v1/groups/{id}/merge-plans", SYNC, "the owner proposes a merge plan to a roster member", ctx -> {
            consent.receiveProposal(peer(ctx), ctx.pathParam("id"), ConsentJson.proposal(JsonBodies.object(ctx)));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("ok", true).build());
        });
        router.post("/sync/v1/groups/{id}/roster", SYNC, "the owner of a governed group sends its roster", ctx -> {
            PeerRecord peer = peer(ctx);
            JsonObject body = JsonBodies.object(ctx);
            if (!(body.required("members") instanceof JsonValue.JsonArray list)) {
                throw new JsonFieldException("members", "must be an array of instance IDs");
            }
            List<String> members = new ArrayList<>();
            for (JsonValue m : list.items()) {
                if (!(m instanceof JsonValue.JsonString s)) {
                    throw new JsonFieldException("members", "must be an array of instance IDs");
                }
                members.add(s.value());
            }
            roster.receiveRoster(peer, ctx.pathParam("id"), members);
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("ok", true).build());
        });
        router.post("/sync/v1/groups/{id}/approvals", SYNC, "a roster member's signed approval or rejection of a plan", ctx -> {
            consent.receiveApproval(peer(ctx), ConsentJson.approval(ctx.pathParam("id"), JsonBodies.object(ctx)));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("ok", true).build());
        });
        router.post("/sync/v1/heartbeat", SYNC, "liveness and seq_by_group in both directions", ctx -> {
            PeerRecord peer = peer(ctx);
            JsonObject body = JsonBodies.object(ctx);
            Map<String, Long> seqs = new LinkedHashMap<>();
            body.get("seq_by_group").ifPresent(v -> {
                if (!(v instanceof JsonObject o)) {
                    throw new JsonFieldException("seq_by_group", "must be an object of group to seq");
                }
                o.members().forEach((group, seq) -> {
                    if (!(seq instanceof JsonValue.JsonNumber n)) {
                        throw new JsonFieldException("seq_by_group", "values must be numbers");
                    }
                    seqs.put(group, n.asLong());
                });
            });
            Heartbeat reply = heartbeats.receive(peer,
                    new Heartbeat(body.string("instance_id"), seqs, KnownPeer.listFrom(body)));
            JsonValue.Builder ours = JsonObject.builder();
            reply.seqByGroup().forEach((g, s) -> ours.put(g, s));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("instance_id", reply.instanceId())
                    .put("seq_by_group", ours.build())
                    .putArray("known_peers", reply.knownPeers().stream().map(KnownPeer::toJson).toList()).build());
        });
    }
}
