package org.hivemesh.adapters.http.sync;

import static org.hivemesh.adapters.http.sync.SyncSchemas.*;

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
import java.util.Set;
import java.util.stream.Collectors;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.JsonBodies;
import org.hivemesh.adapters.http.Route;
import org.hivemesh.adapters.http.Router;
import org.hivemesh.adapters.http.Schema;
import org.hivemesh.application.consent.port.in.LiberationUseCase;
import org.hivemesh.application.content.port.in.RefusedEventsUseCase;
import org.hivemesh.application.portability.port.in.AdoptionUseCase;
import org.hivemesh.application.portability.port.in.PortabilityUseCases;
import org.hivemesh.application.shared.port.in.AdminAuthentication;
import org.hivemesh.application.sync.port.in.InstanceStatus;
import org.hivemesh.application.sync.port.in.JoinResult;
import org.hivemesh.application.sync.port.in.OversightChange;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.application.sync.port.in.SyncPeersUseCase;
import org.hivemesh.application.sync.port.out.PeerSchedule;
import org.hivemesh.domain.consent.OversightPolicy;
import org.hivemesh.domain.event.JsonFieldException;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.Consent;

/** Sync administration of API.md (admin token): groups, peers, status. */
public final class SyncAdminRoutes implements HttpRoutes {
    /** Every sync administration route needs the admin token. */
    private static Route.Spec op(String operationId, String summary) {
        return Route.op(operationId, summary).auth(Route.Auth.ADMIN);
    }

    private final SyncGroupsUseCase groups;
    private final SyncPeersUseCase peers;
    private final LiberationUseCase liberation;
    private final PortabilityUseCases portability;
    private final AdoptionUseCase adoption;
    private final RefusedEventsUseCase refused;
    private final AdminAuthentication admin;
    private final PeerSchedule schedule;

    /** {@code schedule}: the sync workers' retry state, shown with each peer. */
    public SyncAdminRoutes(SyncGroupsUseCase groups, SyncPeersUseCase peers, LiberationUseCase liberation,
                           PortabilityUseCases portability, AdoptionUseCase adoption, RefusedEventsUseCase refused,
                           AdminAuthentication admin, PeerSchedule schedule) {
        this.schedule = schedule;
        this.adoption = adoption;
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

    private static final Set<String> OVERSIGHT_SETTINGS = Set.of("max_deletes", "on_moderation_change",
            "on_contradiction", "on_join", "by");

    /** The settings a PATCH names; their values are checked by the use case, their types here. */
    private static OversightChange oversightChange(JsonObject json) {
        json.members().keySet().stream().filter(k -> !OVERSIGHT_SETTINGS.contains(k)).findFirst().ifPresent(k -> {
            throw new JsonFieldException("oversight." + k, "is no oversight setting (max_deletes, on_moderation_change, "
                    + "on_contradiction, on_join, by)");
        });
        Optional<Long> maxDeletes = json.get("max_deletes").map(v -> {
            if (v instanceof JsonValue.JsonNull) {
                return (long) OversightPolicy.UNLIMITED;
            }
            if (v instanceof JsonValue.JsonNumber n && n.value() == Math.rint(n.value())) {
                return (long) n.value();
            }
            throw new JsonFieldException("oversight.max_deletes", "must be a whole number or null");
        });
        return new OversightChange(maxDeletes, flag(json, "on_moderation_change"), flag(json, "on_contradiction"),
                flag(json, "on_join"), json.get("by").map(v -> {
                    if (v instanceof JsonValue.JsonString by) {
                        return by.value();
                    }
                    throw new JsonFieldException("oversight.by", "must be 'admin' or 'roster'");
                }));
    }

    private static Optional<Boolean> flag(JsonObject json, String key) {
        return json.get(key).map(v -> {
            if (v instanceof JsonValue.JsonBool b) {
                return b.value();
            }
            throw new JsonFieldException("oversight." + key, "must be true or false");
        });
    }

    private void requireAdmin(Context ctx) {
        admin.require(JsonBodies.bearer(ctx).orElse(null));
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/sync/groups", op("createGroup", "create the sync group of a hive").body(CREATE_GROUP)
                .returns(201, GROUP).errors(404, 409), ctx -> {
            requireAdmin(ctx);
            JsonObject body = JsonBodies.object(ctx);
            JsonBodies.respond(ctx, 201, SyncViews.group(groups.createGroup(new SyncGroupsUseCase.CreateGroupCommand(
                    body.string("hive_name"), Consent.fromWire(body.optionalString("consent").orElse("open")),
                    body.optionalString("method")))));
        });
        router.get("/api/v1/sync/groups", op("listGroups", "sync groups with digest and peers").returns(200, GROUPS), ctx -> {
            requireAdmin(ctx);
            JsonBodies.respond(ctx, 200, JsonObject.builder().putArray("data",
                    groups.groups().stream().map(SyncViews::group).collect(Collectors.toList())).build());
        });
        router.post("/api/v1/sync/groups/join", op("joinGroup",
                "join a hive's group through a peer (or the hub, without peer_endpoint)").body(JOIN).returns(200, GROUP)
                .returns(202, JOIN_REQUESTED).errors(409), ctx -> {
            requireAdmin(ctx);
            JsonObject body = JsonBodies.object(ctx);
            JoinResult result = peers.join(new SyncPeersUseCase.JoinCommand(
                    body.optionalString("peer_endpoint").orElse(null), body.string("hive_name")));
            if (result instanceof JoinResult.Joined joined) {
                JsonBodies.respond(ctx, 200, SyncViews.group(joined.group()));
            } else if (result instanceof JoinResult.AwaitingApproval waiting) {
                JsonBodies.respond(ctx, 202, JsonObject.builder().put("hive_name", waiting.hiveName())
                        .put("status", "approval_pending").put("plan_id", waiting.planId()).put("peer_id", waiting.peerId())
                        .putArray("waiting_for", waiting.waitingFor().stream().map(JsonValue::of).toList()).build());
            } else {
                JsonBodies.respond(ctx, 202, JsonObject.builder().put("hive_name", body.string("hive_name"))
                        .put("status", "requested through the hub").build());
            }
        });
        router.get("/api/v1/sync/groups/{id}", op("getGroup", "one sync group").returns(200, GROUP), ctx -> {
            requireAdmin(ctx);
            JsonBodies.respond(ctx, 200, SyncViews.group(groups.group(ctx.pathParam("id"))));
        });
        router.patch("/api/v1/sync/groups/{id}", op("changeMethod",
                "change the merge method (refused while peers sync: liberate), the oversight policy, or both")
                .body(CHANGE_METHOD).returns(200, GROUP).errors(400, 409), ctx -> {
            requireAdmin(ctx);
            JsonObject body = JsonBodies.object(ctx);
            Optional<OversightChange> oversight = body.get("oversight").map(o -> oversightChange(body.object("oversight")));
            JsonBodies.respond(ctx, 200, SyncViews.group(groups.changeGroup(ctx.pathParam("id"),
                    new SyncGroupsUseCase.ChangeGroupCommand(body.optionalString("method"), oversight))));
        });
        router.post("/api/v1/sync/groups/{id}/liberate", op("liberateGroup", "fork into a new group and lineage owned here")
                .returns(201, GROUP).errors(409), ctx -> {
            requireAdmin(ctx);
            JsonBodies.respond(ctx, 201, SyncViews.group(liberation.liberate(ctx.pathParam("id"))));
        });
        router.delete("/api/v1/sync/groups/{id}", op("deleteGroup", "stop syncing a group (its hive and events stay)")
                .returnsNothing(204), ctx -> {
            requireAdmin(ctx);
            groups.deleteGroup(ctx.pathParam("id"));
            ctx.status(204);
        });
        router.post("/api/v1/sync/groups/{id}/resync", op("resyncGroup", "offer and pull everything again with one peer")
                .body(RESYNC).returns(202, OK), ctx -> {
            requireAdmin(ctx);
            JsonObject body = JsonBodies.object(ctx);
            groups.resync(ctx.pathParam("id"), body.string("peer_id"));
            JsonBodies.respond(ctx, 202, JsonObject.builder().put("ok", true).build());
        });
        router.get("/api/v1/sync/groups/{id}/events", op("listLocalEvents", "the local event log, for debugging")
                .query("since", Schema.integer(), "after this local seq (default 0)")
                .query("limit", Schema.integer(), "default 100").returns(200, LOCAL_EVENTS), ctx -> {
            requireAdmin(ctx);
            JsonBodies.respond(ctx, 200, SyncViews.localEvents(groups.localEvents(ctx.pathParam("id"),
                    JsonBodies.intQuery(ctx, "since").orElse(0), JsonBodies.intQuery(ctx, "limit").orElse(100))));
        });
        router.get("/api/v1/sync/groups/{id}/refused", op("listRefusedEvents",
                "events kept without effect and the rule that refused each")
                .query("limit", Schema.integer(), "default 100").returns(200, REFUSED),
                ctx -> {
                    requireAdmin(ctx);
                    JsonBodies.respond(ctx, 200, JsonObject.builder().putArray("data", refused.refused(ctx.pathParam("id"),
                            JsonBodies.intQuery(ctx, "limit").orElse(100)).stream().map(SyncViews::refused).toList()).build());
                });
        router.get("/api/v1/sync/groups/{id}/export", op("exportGroup", "the group's events as JSONL")
                .query("since", Schema.integer(), "after this local seq (default 0)")
                .returnsBody(200, "application/x-ndjson", "a header line, then one event per line"), ctx -> {
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
        router.post("/api/v1/sync/groups/{id}/import", op("importGroup", "import JSONL events: new, duplicate, flagged, rejected")
                .query("adopt", Schema.bool(), "re-issue events of another lineage into this group").jsonLinesBody()
                .returns(200, IMPORT_REPORT).errors(408), ctx -> {
            requireAdmin(ctx);
            try (InputStream in = ctx.bodyInputStream()) {
                String group = ctx.pathParam("id");
                boolean adopt = JsonBodies.flag(ctx, "adopt");
                JsonBodies.respond(ctx, 200, report(adopt ? adoption.adoptLines(in, group)
                        : portability.importLines(in, Optional.of(group))));
            } catch (UncheckedIOException e) {
                // Lines before the break may be stored; importing the file again adds only what is missing.
                throw JsonBodies.unreadable(e.getCause());
            }
        });
        router.post("/api/v1/sync/peers", op("addPeer", "add a peer; it handshakes for its shared_hives").body(ADD_PEER)
                .returns(201, PEER).errors(409), ctx -> {
            requireAdmin(ctx);
            JsonObject body = JsonBodies.object(ctx);
            List<String> hives = body.get("shared_hives").isPresent() ? body.strings("shared_hives") : List.of();
            JsonBodies.respond(ctx, 201, SyncViews.peer(peers.addPeer(new SyncPeersUseCase.AddPeerCommand(
                    body.string("name"), body.string("sync_endpoint"), hives, "admin"))));
        });
        router.get("/api/v1/sync/peers", op("listPeers", "peers with status and source").returns(200, PEERS), ctx -> {
            requireAdmin(ctx);
            JsonBodies.respond(ctx, 200, JsonObject.builder().putArray("data",
                    peers.peers().stream().map(p -> SyncViews.peer(p, peers.hiveStates(p.peerId()),
                                    schedule.of(p.peerId())))
                            .collect(Collectors.toList())).build());
        });
        router.patch("/api/v1/sync/peers/{id}", op("updatePeer", "rename, move or change shared_hives").body(UPDATE_PEER)
                .returns(200, PEER).errors(409), ctx -> {
            requireAdmin(ctx);
            JsonObject body = JsonBodies.object(ctx);
            JsonBodies.respond(ctx, 200, SyncViews.peer(peers.updatePeer(ctx.pathParam("id"),
                    new SyncPeersUseCase.UpdatePeerCommand(body.optionalString("name"), body.optionalString("sync_endpoint"),
                            body.get("shared_hives").isPresent() ? Optional.of(body.strings("shared_hives")) : Optional.empty()))));
        });
        router.delete("/api/v1/sync/peers/{id}", op("deletePeer", "forget a peer and revoke its tokens").returnsNothing(204), ctx -> {
            requireAdmin(ctx);
            peers.deletePeer(ctx.pathParam("id"));
            ctx.status(204);
        });
        router.post("/api/v1/sync/peers/{id}/test", op("testPeer", "heartbeat the peer now").returns(200, PEER_TEST), ctx -> {
            requireAdmin(ctx);
            SyncPeersUseCase.PeerTest test = peers.testPeer(ctx.pathParam("id"));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("reachable", test.reachable()).put("millis", test.millis())
                    .put("instance_id", test.remoteInstanceId().<JsonValue>map(JsonValue::of).orElse(JsonValue.NULL))
                    .put("error", test.error().<JsonValue>map(JsonValue::of).orElse(JsonValue.NULL)).build());
        });
        router.get("/api/v1/sync/status", op("syncStatus", "instance, groups, digests and per-peer lag").returns(200, STATUS), ctx -> {
            requireAdmin(ctx);
            InstanceStatus status = groups.status();
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("instance_id", status.instanceId())
                    .putArray("groups", status.groups().stream().map(SyncViews::group).collect(Collectors.toList())).build());
        });
    }
}
