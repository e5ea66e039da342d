package org.hivemesh.adapters.http.hub;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.JsonBodies;
import org.hivemesh.adapters.http.Router;
import org.hivemesh.application.hub.port.in.HubUseCases;
import org.hivemesh.application.hub.port.out.HubStore.SwarmRecord;
import org.hivemesh.application.shared.port.in.AdminAuthentication;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** The hub role of API.md: swarm registry, hive membership, peer lists, heartbeats. */
public final class HubRoutes implements HttpRoutes {
    private static final String SWARM = "swarm token";

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
        router.post("/api/v1/map/registration-keys", "admin", "issue a key an instance registers with (shown once)", ctx -> {
            admin.require(JsonBodies.bearer(ctx).orElse(null));
            JsonBodies.respond(ctx, 201, JsonObject.builder().put("registration_key", hub.issueRegistrationKey()).build());
        });
        router.post("/api/v1/map/swarms", "registration key", "register a swarm (instance); returns its token", ctx -> {
            JsonObject body = JsonBodies.object(ctx);
            HubUseCases.Registered registered = hub.register(JsonBodies.bearer(ctx).orElse(null), new HubUseCases.RegisterSwarm(
                    body.string("name"), body.string("instance_id"), body.string("signing_key"), body.string("sync_endpoint"),
                    body.strings("capabilities")));
            JsonBodies.respond(ctx, 201, JsonObject.builder().put("swarm_id", registered.swarmId())
                    .put("token", registered.token()).build());
        });
        router.put("/api/v1/map/swarms/{id}", SWARM, "update name, endpoint or capabilities", ctx -> {
            SwarmRecord swarm = swarm(ctx, ctx.pathParam("id"));
            JsonObject body = JsonBodies.object(ctx);
            JsonBodies.respond(ctx, 200, swarmJson(hub.update(swarm, new HubUseCases.UpdateSwarm(body.optionalString("name"),
                    body.optionalString("sync_endpoint"),
                    body.get("capabilities").isPresent() ? Optional.of(body.strings("capabilities")) : Optional.empty()))));
        });
        router.post("/api/v1/map/swarms/{id}/heartbeat", SWARM, "liveness; swarms silent past the stale timeout show stale", ctx -> {
            hub.heartbeat(swarm(ctx, ctx.pathParam("id")));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("ok", true).build());
        });
        router.post("/api/v1/map/swarms/{id}/hives", SWARM, "join a hive", ctx -> {
            SwarmRecord swarm = swarm(ctx, ctx.pathParam("id"));
            hub.joinHive(swarm, JsonBodies.object(ctx).string("hive_name"));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("ok", true).build());
        });
        router.delete("/api/v1/map/swarms/{id}/hives/{name}", SWARM, "leave a hive", ctx -> {
            hub.leaveHive(swarm(ctx, ctx.pathParam("id")), ctx.pathParam("name"));
            ctx.status(204);
        });
        router.get("/api/v1/map/peers/{swarm_id}", SWARM, "swarms sharing a hive with this one", ctx -> {
            SwarmRecord swarm = swarm(ctx, ctx.pathParam("swarm_id"));
            JsonBodies.respond(ctx, 200, JsonObject.builder().putArray("data", hub.peers(swarm).stream()
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
