package org.hivemesh.adapters.http.ops;

import java.util.Optional;
import java.util.function.Supplier;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.JsonBodies;
import org.hivemesh.adapters.http.Route;
import org.hivemesh.adapters.http.Router;
import org.hivemesh.adapters.http.Schema;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** Liveness, readiness, metrics and the instance's public description. */
public final class OpsRoutes implements HttpRoutes {
    private static final Schema READY = Schema.object().required("status", Schema.enumOf("ready", "unavailable"))
            .required("store", Schema.bool()).optional("reason", Schema.string()).named("Readiness");
    private static final Schema INSTANCE = Schema.object().required("instance_id", Schema.string())
            .required("public_key", Schema.string()).required("signing_key", Schema.string())
            .required("key_algorithm", Schema.enumOf("ed25519")).required("sync_endpoint", Schema.string())
            .required("version", Schema.string()).named("InstanceDescription");

    private final InstanceInfo instance;
    private final Supplier<String> syncEndpoint;
    private final Supplier<Optional<String>> storeProblem;
    private final HttpMetrics metrics;

    public record InstanceInfo(String instanceId, String publicKeyHex, String version) {
    }

    /**
     * {@code syncEndpoint} is asked per request: the port is known only once the server is bound.
     * {@code storeProblem} tells why the store cannot take a write now, or nothing when it can.
     */
    public OpsRoutes(InstanceInfo instance, Supplier<String> syncEndpoint, Supplier<Optional<String>> storeProblem,
                     HttpMetrics metrics) {
        this.instance = instance;
        this.syncEndpoint = syncEndpoint;
        this.storeProblem = storeProblem;
        this.metrics = metrics;
    }

    @Override
    public void register(Router router) {
        router.get("/healthz", Route.op("healthz", "liveness: the process answers")
                .returns(200, Schema.object().required("status", Schema.string()).named("Health")),
                ctx -> JsonBodies.respond(ctx, 200, JsonObject.builder().put("status", "ok").build()));
        router.get("/readyz", Route.op("readyz", "readiness: the store takes a write").returns(200, READY).returns(503, READY), ctx -> {
            Optional<String> problem = storeProblem.get();
            JsonBodies.respond(ctx, problem.isEmpty() ? 200 : 503, JsonObject.builder()
                    .put("status", problem.isEmpty() ? "ready" : "unavailable").put("store", problem.isEmpty())
                    .putIfPresent("reason", problem).build());
        });
        router.get("/metrics", Route.op("metrics", "Prometheus metrics")
                .returnsBody(200, "text/plain", "Prometheus text format 0.0.4"),
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        router.get("/.well-known/hivemesh.json", Route.op("instanceInfo", "instance ID, public key, sync endpoint, version")
                .returns(200, INSTANCE),
                ctx -> JsonBodies.respond(ctx, 200, JsonObject.builder().put("instance_id", instance.instanceId())
                        .put("public_key", instance.publicKeyHex()).put("signing_key", instance.publicKeyHex())
                        .put("key_algorithm", "ed25519").put("sync_endpoint", syncEndpoint.get())
                        .put("version", instance.version()).build()));
    }
}
