package org.hivemesh.adapters.http.sync;

import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.JsonBodies;
import org.hivemesh.adapters.http.Router;
import org.hivemesh.application.consent.port.in.LiberationUseCase;
import org.hivemesh.application.content.port.in.RefusedEventsUseCase;
import org.hivemesh.application.portability.port.in.PortabilityUseCases;
import org.hivemesh.application.shared.port.in.AdminAuthentication;
import org.hivemesh.application.sync.port.in.GroupStatus;
import org.hivemesh.application.sync.port.in.InstanceStatus;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.application.sync.port.in.SyncPeersUseCase;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.Consent;

/** Sync administration of API.md (admin token): groups, peers, status. */
public final class SyncAdminRoutes implements HttpRoutes {
    private static final String ADMIN = "admin";

    private final SyncGroupsUseCase groups;
    private final SyncPeersUseCase peers;
    private final LiberationUseCase liberation;
    private final PortabilityUseCases portability;
    private final RefusedEventsUseCase refused;
    private final AdminAuthentication admin;

    public SyncAdminRoutes(SyncGroupsUseCase groups, SyncPeersUseCase peers, LiberationUseCase liberation,
                           PortabilityUseCases portability, RefusedEventsUseCase refused, AdminAuthentication admin) {
        this.groups = groups;
        this.peers = peers;
        this.liberation = liberation;
        this.portability = portability;
        this.refused = refused;
        this.admin = admin;
    }

    static JsonObject report(PortabilityUseCases.ImportReport report) {
        return JsonObject.builder().put("group", report.groupId()).put("new", report.newEvents())
                .put("duplicate", report.duplicates()).put("deferred", report.deferred()).put("refused", report.refused())
                .put("flagged", report.flagged())
                .put("rejected", report.rejectedCount())
                .putArray("rejections", report.rejected().stream().map(r -> JsonObject.builder().put("line", r.line())
                        .put("reason", r.reason()).build()).collect(Collectors.toList())).build();
    }

    private void requireAdmin(Context ctx) {
        admin.require(JsonBodies.bearer(ctx).orElse(null));
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/sync/groups", ADMIN, "create the sync group of a hive", ctx -> {
            requireAdmin(ctx);
            JsonObject body = JsonBodies.object(ctx);
            JsonBodies.respond(ctx, 201, SyncViews.group(groups.createGroup(new SyncGroupsUseCase.CreateGroupCommand(
                    body.string("hive_name"), Consent.fromWire(body.optionalString("consent").orElse("open")),
                    body.optionalString("method")))));
        });
        router.get("/api/v1/sync/groups", ADMIN, "sync groups with digest and peers", ctx -> {
            requireAdmin(ctx);
            JsonBodies.respond(ctx, 200, JsonObject.builder().putArray("data",
                    groups.groups().stream().map(SyncViews::group).collect(Collectors.toList())).build());
        });
        router.post("/api/v1/sync/groups/join", ADMIN, "join a hive's group through a peer (or the hub, without peer_endpoint)", ctx -> {
            requireAdmin(ctx);
            JsonObject body = JsonBodies.object(ctx);
            Optional<GroupStatus> joined = peers.join(new SyncPeersUseCase.JoinCommand(
                    body.optionalString("peer_endpoint").orElse(null), body.string("hive_name")));
            if (joined.isPresent()) {
                JsonBodies.respond(ctx, 200, SyncViews.group(joined.get()));
            } else {
                JsonBodies.respond(ctx, 202, JsonObject.builder().put("hive_name", body.string("hive_name"))
                        .put("status", "requested through the hub").build());
            }
        });
        router.get("/api/v1/sync/groups/{id}", ADMIN, "one sync group", ctx -> {
            requireAdmin(ctx);
            JsonBodies.respond(ctx, 200, SyncViews.group(groups.group(ctx.pathParam("id"))));
        });
        router.patch("/api/v1/sync/groups/{id}", ADMIN, "change the merge method (refused while peers sync: liberate)", ctx -> {
            requireAdmin(ctx);
            JsonBodies.respond(ctx, 200, SyncViews.group(groups.changeMethod(ctx.pathParam("id"),
                    JsonBodies.object(ctx).string("method"))));
        });
        router.post("/api/v1/sync/groups/{id}/liberate", ADMIN, "fork into a new group and lineage owned here", ctx -> {
            requireAdmin(ctx);
            JsonBodies.respond(ctx, 201, SyncViews.group(liberation.liberate(ctx.pathParam("id"))));
        });
        router.delete("/api/v1/sync/groups/{id}", ADMIN, "stop syncing a group (its hive and events stay)", ctx -> {
            requireAdmin(ctx);
            groups.deleteGroup(ctx.pathParam("id"));
            ctx.status(204);
        });
        router.post("/api/v1/sync/groups/{id}/resync", ADMIN, "offer and pull everything again with one peer", ctx -> {
            requireAdmin(ctx);
            JsonObject body = JsonBodies.object(ctx);
            groups.resync(ctx.pathParam("id"), body.string("peer_id"));
            JsonBodies.respond(ctx, 202, JsonObject.builder().put("ok", true).build());
        });
        router.get("/api/v1/sync/groups/{id}/events", ADMIN, "the local event log, for debugging", ctx -> {
            requireAdmin(ctx);
            JsonBodies.respond(ctx, 200, SyncViews.localEvents(groups.localEvents(ctx.pathParam("id"),
                    JsonBodies.intQuery(ctx, "since").orElse(0), JsonBodies.intQuery(ctx, "limit").orElse(100))));
        });
        router.get("/api/v1/sync/groups/{id}/refused", ADMIN, "events kept without effect and the rule that refused each",
                ctx -> {
                    requireAdmin(ctx);
                    JsonBodies.respond(ctx, 200, JsonObject.builder().putArray("data", refused.refused(ctx.pathParam("id"),
                            JsonBodies.intQuery(ctx, "limit").orElse(100)).stream().map(SyncViews::refused).toList()).build());
                });
        router.get("/api/v1/sync/groups/{id}/export", ADMIN, "the group's events as JSONL (?since=)", ctx -> {
            requireAdmin(ctx);
            long since = JsonBodies.intQuery(ctx, "since").orElse(0);
            ctx.contentType("application/x-ndjson");
            try (Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8))) {
                portability.export(ctx.pathParam("id"), since, line -> {
                    try {
                        out.write(line);
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        });
        router.postJsonLines("/api/v1/sync/groups/{id}/import", ADMIN, "import JSONL events: {new, duplicate, flagged, rejected}", ctx -> {
            requireAdmin(ctx);
            try (InputStream in = ctx.bodyInputStream()) {
                JsonBodies.respond(ctx, 200, report(portability.importLines(in, Optional.of(ctx.pathParam("id")))));
            } catch (UncheckedIOException e) {
                // Lines before the break may be stored; importing the file again adds only what is missing.
                throw JsonBodies.unreadable(e.getCause());
            }
        });
        router.post("/api/v1/sync/peers", ADMIN, "add a peer; it handshakes for its shared_hives", ctx -> {
            requireAdmin(ctx);
            JsonObject body = JsonBodies.object(ctx);
            List<String> hives = body.get("shared_hives").isPresent() ? body.strings("shared_hives") : List.of();
            JsonBodies.respond(ctx, 201, SyncViews.peer(peers.addPeer(new SyncPeersUseCase.AddPeerCommand(
                    body.string("name"), body.string("sync_endpoint"), hives, "admin"))));
        });
        router.get("/api/v1/sync/peers", ADMIN, "peers with status and source", ctx -> {
            requireAdmin(ctx);
            JsonBodies.respond(ctx, 200, JsonObject.builder().putArray("data",
                    peers.peers().stream().map(SyncViews::peer).collect(Collectors.toList())).build());
        });
        router.patch("/api/v1/sync/peers/{id}", ADMIN, "rename, move or change shared_hives", ctx -> {
            requireAdmin(ctx);
            JsonObject body = JsonBodies.object(ctx);
            JsonBodies.respond(ctx, 200, SyncViews.peer(peers.updatePeer(ctx.pathParam("id"),
                    new SyncPeersUseCase.UpdatePeerCommand(body.optionalString("name"), body.optionalString("sync_endpoint"),
                            body.get("shared_hives").isPresent() ? Optional.of(body.strings("shared_hives")) : Optional.empty()))));
        });
        router.delete("/api/v1/sync/peers/{id}", ADMIN, "forget a peer and revoke its tokens", ctx -> {
            requireAdmin(ctx);
            peers.deletePeer(ctx.pathParam("id"));
            ctx.status(204);
        });
        router.post("/api/v1/sync/peers/{id}/test", ADMIN, "heartbeat the peer now", ctx -> {
            requireAdmin(ctx);
            SyncPeersUseCase.PeerTest test = peers.testPeer(ctx.pathParam("id"));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("reachable", test.reachable()).put("millis", test.millis())
                    .put("instance_id", test.remoteInstanceId().<JsonValue>map(JsonValue::of).orElse(JsonValue.NULL))
                    .put("error", test.error().<JsonValue>map(JsonValue::of).orElse(JsonValue.NULL)).build());
        });
        router.get("/api/v1/sync/status", ADMIN, "instance, groups, digests and per-peer lag", ctx -> {
            requireAdmin(ctx);
            InstanceStatus status = groups.status();
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("instance_id", status.instanceId())
                    .putArray("groups", status.groups().stream().map(SyncViews::group).collect(Collectors.toList())).build());
        });
    }
}
