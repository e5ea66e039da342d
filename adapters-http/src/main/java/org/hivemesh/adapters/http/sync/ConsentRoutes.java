package org.hivemesh.adapters.http.sync;

import static org.hivemesh.adapters.http.sync.SyncSchemas.*;

import io.javalin.http.Context;
import java.time.LocalTime;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.JsonBodies;
import org.hivemesh.adapters.http.Route;
import org.hivemesh.adapters.http.Route.Auth;
import org.hivemesh.adapters.http.Router;
import org.hivemesh.adapters.http.Schema;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.agents.port.in.Scope;
import org.hivemesh.application.consent.port.in.CadenceUseCase;
import org.hivemesh.application.consent.port.in.MergePlansUseCase;
import org.hivemesh.application.consent.port.in.RosterUseCase;
import org.hivemesh.application.consent.port.wire.ConsentJson;
import org.hivemesh.application.shared.port.in.AdminAuthentication;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.domain.consent.Cadence;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.hive.HiveOwner;

/** Governed groups: the roster and the merge plans waiting for approval. */
public final class ConsentRoutes implements HttpRoutes {
    private final RosterUseCase rosters;
    private final MergePlansUseCase plans;
    private final CadenceUseCase cadence;
    private final AdminAuthentication admin;
    private final AgentUseCases agents;

    public ConsentRoutes(RosterUseCase rosters, MergePlansUseCase plans, CadenceUseCase cadence,
                         AdminAuthentication admin, AgentUseCases agents) {
        this.rosters = rosters;
        this.plans = plans;
        this.cadence = cadence;
        this.admin = admin;
        this.agents = agents;
    }

    /** Running a merge needs the admin token or a session with scope execute. */
    private void requireExecute(Context ctx) {
        String token = JsonBodies.bearer(ctx).orElse(null);
        try {
            admin.require(token);
        } catch (HivemeshException notAdmin) {
            if (token == null) {
                throw notAdmin;
            }
            agents.authenticate(token).require(Scope.EXECUTE);
        }
    }

    private static JsonObject plan(MergePlan p) {
        JsonValue.Builder json = JsonObject.builder().put("plan_id", p.planId()).put("group", p.groupId())
                .put("peer_instance_id", p.kind().peerInstanceId()).put("kind", p.kind().wire())
                .put("status", p.status().wire()).put("plan", ConsentJson.plan(p)).put("approval", ConsentJson.round(p.round()))
                .put("created_at", p.createdAt().toString());
        if (p.kind() instanceof MergeKind.Remote remote) {
            json.put("proposed_by", remote.proposedBy());
        }
        return json.build();
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/sync/groups/{id}/merge-plans", Route.op("listMergePlans", "merge plans and their approval rounds")
                .auth(Auth.ADMIN).returns(200, MERGE_PLANS), ctx -> {
            admin.require(JsonBodies.bearer(ctx).orElse(null));
            JsonBodies.respond(ctx, 200, JsonObject.builder().putArray("data", plans.plans(ctx.pathParam("id")).stream()
                    .map(ConsentRoutes::plan).collect(Collectors.toList())).build());
        });
        router.post("/api/v1/sync/merge-plans/{plan_id}/approve", Route.op("approveMergePlan",
                "approve as this instance, or as oversight once the roster approved").auth(Auth.ADMIN_OR_EXECUTE)
                .returns(200, MERGE_PLAN).errors(409), ctx -> {
            requireExecute(ctx);
            JsonBodies.respond(ctx, 200, plan(plans.approve(ctx.pathParam("plan_id"))));
        });
        router.post("/api/v1/sync/merge-plans/{plan_id}/reject", Route.op("rejectMergePlan", "reject the plan")
                .auth(Auth.ADMIN_OR_EXECUTE).returns(200, MERGE_PLAN).errors(409), ctx -> {
            requireExecute(ctx);
            JsonBodies.respond(ctx, 200, plan(plans.reject(ctx.pathParam("plan_id"))));
        });
        router.patch("/api/v1/sync/groups/{id}/cadence", Route.op("setCadence",
                "this instance's merge cadence: continuous, nightly (nightly_at HH:MM UTC) or on-open").auth(Auth.ADMIN)
                .body(CADENCE).returns(200, CADENCE), ctx -> {
            admin.require(JsonBodies.bearer(ctx).orElse(null));
            JsonObject body = JsonBodies.object(ctx);
            LocalTime at;
            try {
                at = LocalTime.parse(body.optionalString("nightly_at").orElse("02:00"));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("nightly_at must look like 02:00");
            }
            cadence.setCadence(ctx.pathParam("id"), Cadence.Mode.fromWire(body.string("cadence")), at);
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("cadence", body.string("cadence"))
                    .put("nightly_at", at.toString()).build());
        });
        router.get("/api/v1/sync/notifications", Route.op("listNotifications",
                "what consent told members, oldest first (e.g. pruned from a round for not answering)")
                .auth(Auth.ADMIN).query("group", Schema.string(), "only this group's").returns(200, NOTIFICATIONS), ctx -> {
            admin.require(JsonBodies.bearer(ctx).orElse(null));
            JsonBodies.respond(ctx, 200, JsonObject.builder().putArray("data", rosters.notifications(
                    Optional.ofNullable(ctx.queryParam("group"))).stream().map(n -> JsonObject.builder()
                    .put("id", n.id()).put("group", n.groupId()).put("recipient", n.recipient())
                    .put("message", n.message()).put("created_at", n.createdAt().toString()).build())
                    .collect(Collectors.toList())).build());
        });
        router.get("/api/v1/sync/groups/{id}/roster", Route.op("getRoster", "the roster of a governed group")
                .auth(Auth.ADMIN).returns(200, ROSTER), ctx -> {
            admin.require(JsonBodies.bearer(ctx).orElse(null));
            JsonBodies.respond(ctx, 200, JsonObject.builder().putArray("data", rosters.roster(ctx.pathParam("id")).members()
                    .stream().map(m -> JsonObject.builder().put("instance_id", m.instanceId()).put("state", m.state().wire())
                            .put("since", m.since().toString()).build()).collect(Collectors.toList())).build());
        });
        router.get("/api/v1/sync/groups/{id}/owner", Route.op("getGroupOwner",
                "the group's owner now, as its roster's log says").auth(Auth.ADMIN).returns(200, OWNER), ctx -> {
            admin.require(JsonBodies.bearer(ctx).orElse(null));
            JsonBodies.respond(ctx, 200, owner(rosters.owner(ctx.pathParam("id"))));
        });
        router.post("/api/v1/sync/groups/{id}/owner", Route.op("transferGroupOwner",
                "hand ownership to another active member: a signed event of the group, from the owner only")
                .auth(Auth.ADMIN).body(OWNER_TRANSFER).returns(200, OWNER).errors(403), ctx -> {
            admin.require(JsonBodies.bearer(ctx).orElse(null));
            JsonObject body = JsonBodies.object(ctx);
            JsonBodies.respond(ctx, 200, owner(rosters.transferOwnership(ctx.pathParam("id"), body.string("instance_id"),
                    body.optionalString("agent_id"))));
        });
        router.delete("/api/v1/sync/groups/{id}/roster/{instance_id}", Route.op("removeRosterMember",
                "remove a member; open plans start a new approval round").auth(Auth.ADMIN).returnsNothing(204).errors(409), ctx -> {
            admin.require(JsonBodies.bearer(ctx).orElse(null));
            rosters.removeMember(ctx.pathParam("id"), ctx.pathParam("instance_id"));
            ctx.status(204);
        });
    }

    private static JsonObject owner(HiveOwner owner) {
        return JsonObject.builder().put("instance_id", owner.instanceId()).put("agent_id", owner.agentId()).build();
    }
}
