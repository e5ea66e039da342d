package org.hivemesh.adapters.http.hub;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.JsonBodies;
import org.hivemesh.adapters.http.Route;
import org.hivemesh.adapters.http.Route.Auth;
import org.hivemesh.adapters.http.Router;
import org.hivemesh.adapters.http.Schema;
import org.hivemesh.application.hub.port.in.HubUseCases;
import org.hivemesh.application.hub.port.out.HubStore.SwarmRecord;
import org.hivemesh.application.shared.port.in.AdminAuthentication;
import org.hivemesh.domain.event.JsonFieldException;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** The hub role of API.md: swarm registry, hive membership, peer lists, heartbeats. */
public final class HubRoutes implements HttpRoutes {
    private static long whole(String value, String name) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new JsonFieldException(name, "must be a whole number");
        }
    }

    private static final Schema OK = Schema.object().required("ok", Schema.bool()).named("Ok");
    private static final Schema REGISTRATION_KEY = Schema.object().required("registration_key", Schema.string())
            .named("RegistrationKey");
    private static final Schema REGISTER = Schema.object().required("name", Schema.string())
            .required("instance_id", Schema.string()).required("signing_key", Schema.string())
            .required("sync_endpoint", Schema.string())
            .required("capabilities", Schema.array(Schema.string()).describe("must include hive_sync and sync_endpoint"))
            .named("RegisterSwarmRequest");
    private static final Schema REGISTERED = Schema.object().required("swarm_id", Schema.string())
            .required("token", Schema.string()).named("RegisteredSwarm");
    private static final Schema UPDATE = Schema.object().optional("name", Schema.string())
            .optional("sync_endpoint", Schema.string()).optional("capabilities", Schema.array(Schema.string()))
            .named("UpdateSwarmRequest");
    private static final Schema SWARM = Schema.object().required("swarm_id", Schema.string())
            .required("name", Schema.string()).required("instance_id", Schema.string())
            .required("signing_key", Schema.string()).required("sync_endpoint", Schema.string())
            .required("capabilities", Schema.array(Schema.string())).required("last_heartbeat", Schema.timestamp())
            .named("Swarm");
    private static final Schema PEERS = Schema.object().required("data", Schema.array(Schema.object()
            .required("swarm_id", Schema.string()).required("name", Schema.string())
            .required("instance_id", Schema.string()).required("signing_key", Schema.string())
            .required("sync_endpoint", Schema.string()).required("shared_hives", Schema.array(Schema.string()))
            .required("status", Schema.enumOf("online", "stale")).required("last_heartbeat", Schema.timestamp())
            .named("SwarmPeer")))
            .optional("version", Schema.integer().describe("the hub's membership version; give it back as ?version= to wait"))
            .named("SwarmPeerList");
    private static final Schema SWARMS = Schema.object().required("data", Schema.array(Schema.object()
            .required("swarm_id", Schema.string()).required("name", Schema.string())
            .required("instance_id", Schema.string()).required("sync_endpoint", Schema.string())
            .required("capabilities", Schema.array(Schema.string())).required("hives", Schema.array(Schema.string()))
            .required("status", Schema.enumOf("online", "stale")).required("registered_at", Schema.timestamp())
            .required("last_heartbeat", Schema.timestamp()).named("RegisteredSwarmView"))).named("SwarmList");

    private final HubUseCases hub;
    private final AdminAuthentication admin;

    public HubRoutes(HubUseCases hub, AdminAuthentication admin) {
        this.hub = hub;
        this.admin = admin;
    }

    private SwarmRecord swarm(Context ctx, String id) {
        return hub.authenticate(JsonBodies.bearer(ctx).orElse(null), id);
    }

    private static JsonObject swarmJson(SwarmRecord s) {
        return JsonObject.builder().put("swarm_id", s.swarmId()).put("name", s.name()).put("instance_id", s.instanceId())
                .put("signing_key", s.signingKey()).put("sync_endpoint", s.syncEndpoint())
                .putArray("capabilities", s.capabilities().stream().map(JsonValue::of).toList())
                .put("last_heartbeat", s.lastHeartbeat().toString()).build();
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/map/registration-keys", Route.op("issueRegistrationKey",
                "issue a key an instance registers with (shown once)").auth(Auth.ADMIN).returns(201, REGISTRATION_KEY), ctx -> {
            admin.require(JsonBodies.bearer(ctx).orElse(null));
            JsonBodies.respond(ctx, 201, JsonObject.builder().put("registration_key", hub.issueRegistrationKey()).build());
        });
        router.get("/api/v1/map/swarms", Route.op("listSwarms", "every registered swarm, its hives and liveness (hub admin)")
                .auth(Auth.ADMIN).returns(200, SWARMS), ctx -> {
            admin.require(JsonBodies.bearer(ctx).orElse(null));
            JsonBodies.respond(ctx, 200, JsonObject.builder().putArray("data", hub.swarms().stream()
                    .map(s -> JsonObject.builder().put("swarm_id", s.swarmId()).put("name", s.name())
                            .put("instance_id", s.instanceId()).put("sync_endpoint", s.syncEndpoint())
                            .putArray("capabilities", s.capabilities().stream().map(JsonValue::of).toList())
                            .putArray("hives", s.hives().stream().map(JsonValue::of).toList())
                            .put("status", s.stale() ? "stale" : "online").put("registered_at", s.registeredAt().toString())
                            .put("last_heartbeat", s.lastHeartbeat().toString()).build()).toList()).build());
        });
        router.post("/api/v1/map/swarms", Route.op("registerSwarm", "register a swarm (instance); returns its token")
                .auth(Auth.REGISTRATION).body(REGISTER).returns(201, REGISTERED), ctx -> {
            JsonObject body = JsonBodies.object(ctx);
            HubUseCases.Registered registered = hub.register(JsonBodies.bearer(ctx).orElse(null), new HubUseCases.RegisterSwarm(
                    body.string("name"), body.string("instance_id"), body.string("signing_key"), body.string("sync_endpoint"),
                    body.strings("capabilities")));
            JsonBodies.respond(ctx, 201, JsonObject.builder().put("swarm_id", registered.swarmId())
                    .put("token", registered.token()).build());
        });
        router.put("/api/v1/map/swarms/{id}", Route.op("updateSwarm", "update name, endpoint or capabilities")
                .auth(Auth.SWARM).body(UPDATE).returns(200, SWARM), ctx -> {
            SwarmRecord swarm = swarm(ctx, ctx.pathParam("id"));
            JsonObject body = JsonBodies.object(ctx);
            JsonBodies.respond(ctx, 200, swarmJson(hub.update(swarm, new HubUseCases.UpdateSwarm(body.optionalString("name"),
                    body.optionalString("sync_endpoint"),
                    body.get("capabilities").isPresent() ? Optional.of(body.strings("capabilities")) : Optional.empty()))));
        });
        router.post("/api/v1/map/swarms/{id}/heartbeat", Route.op("swarmHeartbeat",
                "liveness; swarms silent past the stale timeout show stale").auth(Auth.SWARM).returns(200, OK), ctx -> {
            hub.heartbeat(swarm(ctx, ctx.pathParam("id")));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("ok", true).build());
        });
        router.post("/api/v1/map/swarms/{id}/hives", Route.op("swarmJoinHive", "join a hive").auth(Auth.SWARM)
                .body(Schema.object().required("hive_name", Schema.string()).named("SwarmHiveRequest")).returns(200, OK), ctx -> {
            SwarmRecord swarm = swarm(ctx, ctx.pathParam("id"));
            hub.joinHive(swarm, JsonBodies.object(ctx).string("hive_name"));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("ok", true).build());
        });
        router.delete("/api/v1/map/swarms/{id}/hives/{name}", Route.op("swarmLeaveHive", "leave a hive").auth(Auth.SWARM)
                .returnsNothing(204), ctx -> {
            hub.leaveHive(swarm(ctx, ctx.pathParam("id")), ctx.pathParam("name"));
            ctx.status(204);
        });
        router.get("/api/v1/map/peers/{swarm_id}", Route.op("swarmPeers", "swarms sharing a hive with this one")
                .auth(Auth.SWARM)
                .query("version", Schema.integer(), "the version last seen: answer once membership changes past it")
                .query("wait", Schema.integer(), "seconds to wait for that change, at most 25; default 0")
                .returns(200, PEERS), ctx -> {
            SwarmRecord swarm = swarm(ctx, ctx.pathParam("swarm_id"));
            OptionalLong seen = ctx.queryParam("version") == null ? OptionalLong.empty()
                    : OptionalLong.of(whole(ctx.queryParam("version"), "version"));
            Duration wait = Duration.ofSeconds(ctx.queryParam("wait") == null ? 0
                    : Math.max(0, Math.min(HubUseCases.MAX_PEERS_WAIT.toSeconds(), whole(ctx.queryParam("wait"), "wait"))));
            HubUseCases.PeerList list = hub.peers(swarm, seen, wait);
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("version", list.version())
                    .putArray("data", list.peers().stream()
                    .map(p -> JsonObject.builder().put("swarm_id", p.swarmId()).put("name", p.name())
                            .put("instance_id", p.instanceId()).put("signing_key", p.signingKey())
                            .put("sync_endpoint", p.syncEndpoint())
                            .putArray("shared_hives", p.sharedHives().stream().map(JsonValue::of).toList())
                            .put("status", p.stale() ? "stale" : "online")
                            .put("last_heartbeat", p.lastHeartbeat().toString()).build())
                    .collect(Collectors.toList())).build());
        });
    }
}
