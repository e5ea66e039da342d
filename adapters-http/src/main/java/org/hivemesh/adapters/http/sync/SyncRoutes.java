package org.hivemesh.adapters.http.sync;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hivemesh.adapters.http.ApiError;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.JsonBodies;
import org.hivemesh.adapters.http.Router;
import org.hivemesh.application.port.in.PeerProtocolUseCases;
import org.hivemesh.application.port.out.PeerTransport.EventPage;
import org.hivemesh.application.port.out.PeerTransport.HandshakeReply;
import org.hivemesh.application.port.out.PeerTransport.HandshakeRequest;
import org.hivemesh.application.port.out.PeerTransport.Heartbeat;
import org.hivemesh.application.port.out.PeerTransport.PushReply;
import org.hivemesh.application.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.event.JsonFieldException;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.peer.KnownPeer;

/** The peer protocol of API.md; every group call needs the sync token the handshake issued. */
public final class SyncRoutes implements HttpRoutes {
    private static final String SYNC = "sync token";

    private final PeerProtocolUseCases protocol;
    private final RateLimiterRegistry limits;

    /** {@code requestsPerSecond}: what one peer may send before it gets 429 with Retry-After. */
    public SyncRoutes(PeerProtocolUseCases protocol, int requestsPerSecond) {
        this.protocol = protocol;
        this.limits = RateLimiterRegistry.of(RateLimiterConfig.custom().limitForPeriod(requestsPerSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build());
    }

    private PeerRecord peer(Context ctx) {
        PeerRecord peer = protocol.authenticate(JsonBodies.bearer(ctx).orElse(null));
        if (!limits.rateLimiter(peer.peerId()).acquirePermission()) {
            ctx.header("Retry-After", "1");
            throw new ApiError(429, "rate_limited", "too many requests from this peer; retry after 1 s");
        }
        return peer;
    }

    @Override
    public void register(Router router) {
        router.post("/sync/v1/handshake", "none (open groups)", "join a sync group; returns a sync token", ctx -> {
            JsonObject body = JsonBodies.object(ctx);
            HandshakeReply reply = protocol.acceptHandshake(new HandshakeRequest(body.string("sync_group_name"),
                    body.string("instance_id"), body.string("signing_key"), body.optionalString("sync_endpoint").orElse(null),
                    body.optionalString("sync_token").orElse(null)));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("sync_group_id", reply.syncGroupId())
                    .put("instance_id", reply.instanceId()).put("signing_key", reply.signingKey())
                    .put("current_seq", reply.currentSeq()).put("sync_token", reply.syncToken())
                    .put("owner_instance_id", reply.ownerInstanceId()).put("owner_agent_id", reply.ownerAgentId())
                    .put("hive_name", reply.hiveName()).put("lineage", reply.lineage()).put("consent", reply.consent()).build());
        });
        router.get("/sync/v1/groups/{id}/events", SYNC, "backfill / catch-up page after ?since= (limit default 500)", ctx -> {
            PeerRecord peer = peer(ctx);
            EventPage page = protocol.events(peer, ctx.pathParam("id"), JsonBodies.intQuery(ctx, "since").orElse(0),
                    JsonBodies.intQuery(ctx, "limit").orElse(PeerProtocolUseCases.DEFAULT_PAGE),
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
            PushReply reply = protocol.receive(peer, ctx.pathParam("id"), new EventPage(events, senderSeq, false, keys));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("received_seq", reply.receivedSeq())
                    .put("accepted", reply.accepted()).put("duplicate", reply.duplicate())
                    .put("quarantined", reply.quarantined()).build());
        });
        router.get("/sync/v1/groups/{id}/status", SYNC, "this instance's view of the group",
                ctx -> JsonBodies.respond(ctx, 200, SyncViews.group(protocol.groupStatus(peer(ctx), ctx.pathParam("id")))));
        router.post("/sync/v1/groups/{id}/leave", SYNC, "stop syncing this group with the caller", ctx -> {
            protocol.leave(peer(ctx), ctx.pathParam("id"));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("ok", true).build());
        });
        router.post("/sync/v1/groups/{id}/merge-plans", SYNC, "the owner proposes a merge plan to a roster member", ctx -> {
            protocol.receiveProposal(peer(ctx), ctx.pathParam("id"), JsonBodies.object(ctx));
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
            protocol.receiveRoster(peer, ctx.pathParam("id"), members);
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("ok", true).build());
        });
        router.post("/sync/v1/groups/{id}/approvals", SYNC, "a roster member's signed approval or rejection of a plan", ctx -> {
            protocol.receiveApproval(peer(ctx), ctx.pathParam("id"), JsonBodies.object(ctx));
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
            Heartbeat reply = protocol.heartbeat(peer,
                    new Heartbeat(body.string("instance_id"), seqs, KnownPeer.listFrom(body)));
            JsonValue.Builder ours = JsonObject.builder();
            reply.seqByGroup().forEach((g, s) -> ours.put(g, s));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("instance_id", reply.instanceId())
                    .put("seq_by_group", ours.build())
                    .putArray("known_peers", reply.knownPeers().stream().map(KnownPeer::toJson).toList()).build());
        });
    }
}
