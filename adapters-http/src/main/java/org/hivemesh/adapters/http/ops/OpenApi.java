package org.hivemesh.adapters.http.ops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hivemesh.adapters.http.Route;
import org.hivemesh.adapters.http.Route.Auth;
import org.hivemesh.adapters.http.Schema;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** The OpenAPI 3.1 document of the routes actually registered, from their typed definitions. */
public final class OpenApi {
    private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");
    private static final String ERROR_REF = "#/components/schemas/Error";
    private static final List<String> SIGNATURE_HEADERS = List.of("X-Hivemesh-Origin", "X-Hivemesh-Destination",
            "X-Hivemesh-Date", "X-Hivemesh-Signature");

    /** The API.md error body, for every refusal. */
    public static final Schema ERROR = Schema.object()
            .required("error", Schema.object().required("code", Schema.string().describe("machine-readable, snake_case"))
                    .required("message", Schema.string().describe("what went wrong and what to do")).build())
            .named("Error");

    private OpenApi() {
    }

    /** Fails when two routes share an operationId or a route has no response: the document would mislead. */
    public static JsonObject document(String version, List<Route.Definition> routes) {
        Map<String, JsonValue.Builder> paths = new LinkedHashMap<>();
        Map<String, JsonObject> schemas = new TreeMap<>(ERROR.components());
        Set<String> operationIds = new HashSet<>();
        Set<String> tags = new LinkedHashSet<>();
        for (Route.Definition route : routes) {
            Route.Spec spec = route.spec();
            if (!operationIds.add(spec.operationId())) {
                throw new IllegalStateException("two routes have the operationId " + spec.operationId());
            }
            if (spec.responses().isEmpty()) {
                throw new IllegalStateException(route.method() + " " + route.path() + " declares no response");
            }
            tags.add(route.tag());
            paths.computeIfAbsent(route.path(), p -> JsonObject.builder())
                    .put(route.method(), operation(route, schemas));
        }
        JsonValue.Builder pathJson = JsonObject.builder();
        paths.forEach((path, ops) -> pathJson.put(path, ops.build()));
        JsonValue.Builder schemaJson = JsonObject.builder();
        schemas.forEach(schemaJson::put);
        return JsonObject.builder().put("openapi", "3.1.0")
                .put("info", JsonObject.builder().put("title", "hivemesh").put("version", version)
                        .put("description", "Hives kept in sync between self-hosted instances. Errors are always "
                                + "{\"error\": {\"code\", \"message\"}}; a refused request changes nothing.").build())
                .putArray("tags", tags.stream().map(t -> JsonObject.builder().put("name", t).build()).toList())
                .put("paths", pathJson.build())
                .put("components", JsonObject.builder().put("schemas", schemaJson.build())
                        .put("securitySchemes", securitySchemes())
                        .put("parameters", signatureParameters()).build())
                .build();
    }

    private static JsonObject operation(Route.Definition route, Map<String, JsonObject> schemas) {
        Route.Spec spec = route.spec();
        List<JsonValue> parameters = new ArrayList<>();
        Matcher m = PARAM.matcher(route.path());
        while (m.find()) {
            parameters.add(JsonObject.builder().put("name", m.group(1)).put("in", "path").put("required", true)
                    .put("schema", Schema.string().json()).build());
        }
        for (Route.Query q : spec.query()) {
            parameters.add(JsonObject.builder().put("name", q.name()).put("in", "query").put("required", false)
                    .put("description", q.description()).put("schema", collect(q.schema(), schemas)).build());
        }
        if (spec.auth() == Auth.SIGNED || spec.auth() == Auth.SYNC) {
            SIGNATURE_HEADERS.forEach(h -> parameters.add(JsonObject.builder()
                    .put("$ref", "#/components/parameters/" + h.replace("-", "")).build()));
        }
        JsonValue.Builder op = JsonObject.builder().put("operationId", spec.operationId()).put("summary", spec.summary())
                .putArray("tags", List.of(JsonValue.of(route.tag())))
                .putArray("security", security(spec.auth()));
        if (!parameters.isEmpty()) {
            op.putArray("parameters", parameters);
        }
        if (spec.body().isPresent()) {
            op.put("requestBody", JsonObject.builder().put("required", true).put("content", JsonObject.builder()
                    .put("application/json", JsonObject.builder().put("schema", collect(spec.body().get(), schemas)).build())
                    .build()).build());
        } else if (spec.takesJsonLines()) {
            op.put("requestBody", JsonObject.builder().put("required", true).put("content", JsonObject.builder()
                    .put("application/x-ndjson", JsonObject.builder().put("schema", JsonObject.builder()
                            .put("type", "string").put("description", "one JSON object per line").build()).build())
                    .build()).build());
        }
        JsonValue.Builder responses = JsonObject.builder();
        spec.responses().forEach((status, response) -> {
            JsonValue.Builder r = JsonObject.builder().put("description", response.description());
            response.mediaType().ifPresent(type -> r.put("content", JsonObject.builder().put(type, JsonObject.builder()
                    .put("schema", collect(response.schema().orElseThrow(), schemas)).build()).build()));
            responses.put(Integer.toString(status), r.build());
        });
        errors(route).forEach((status, description) -> responses.put(Integer.toString(status), JsonObject.builder()
                .put("description", description).put("content", JsonObject.builder().put("application/json",
                        JsonObject.builder().put("schema", JsonObject.builder().put("$ref", ERROR_REF).build()).build())
                        .build()).build()));
        return op.put("responses", responses.build()).build();
    }

    private static JsonObject collect(Schema schema, Map<String, JsonObject> schemas) {
        schema.components().forEach((name, definition) -> {
            JsonObject earlier = schemas.put(name, definition);
            if (earlier != null && !earlier.equals(definition)) {
                throw new IllegalStateException("two different schemas are named " + name);
            }
        });
        return schema.json();
    }

    /** The refusals a route of its kind can give, with those it declares. */
    private static Map<Integer, String> errors(Route.Definition route) {
        Route.Spec spec = route.spec();
        Set<Integer> statuses = new TreeSet<>(spec.errors());
        boolean body = spec.body().isPresent() || spec.takesJsonLines();
        if (body || !spec.query().isEmpty()) {
            statuses.add(400);
        }
        if (body) {
            statuses.add(413);
            statuses.add(415);
        }
        if (spec.auth() != Auth.NONE) {
            statuses.add(401);
        }
        // a wrong admin token is refused with 403, as a session without the scope is
        if (spec.auth() == Auth.ADMIN || spec.auth() == Auth.SESSION || spec.auth() == Auth.ADMIN_OR_EXECUTE || spec.auth() == Auth.SYNC
                || spec.auth() == Auth.SWARM) {
            statuses.add(403);
        }
        if (route.path().contains("{")) {
            statuses.add(404);
        }
        if (spec.auth() == Auth.SIGNED || spec.auth() == Auth.SYNC) {
            statuses.add(429);
        }
        if (!route.method().equals("get")) {
            statuses.add(507);
        }
        Map<Integer, String> described = new TreeMap<>();
        statuses.forEach(s -> described.put(s, switch (s) {
            case 400 -> "invalid request: a field, the JSON or a query parameter";
            case 401 -> "no credential, or not a valid one";
            case 403 -> "the credential does not allow this";
            case 404 -> "no such thing";
            case 409 -> "conflicts with the current state; the code says which";
            case 413 -> "the body is over the limit";
            case 415 -> "the body is not of a media type this route reads";
            case 429 -> "too many requests; see Retry-After";
            case 503 -> "unavailable now";
            case 507 -> "the store is full; nothing was written";
            default -> "refused";
        }));
        return described;
    }

    private static List<JsonValue> security(Auth auth) {
        return switch (auth) {
            case NONE, SIGNED -> List.of();
            case ADMIN -> List.of(requirement("admin"));
            case SESSION -> List.of(requirement("session"));
            case ADMIN_OR_EXECUTE -> List.of(requirement("admin"), requirement("session"));
            case SYNC -> List.of(requirement("sync"));
            case REGISTRATION -> List.of(requirement("registration"));
            case SWARM -> List.of(requirement("swarm"));
        };
    }

    private static JsonObject requirement(String scheme) {
        return JsonObject.builder().putArray(scheme, List.of()).build();
    }

    private static JsonObject securitySchemes() {
        return JsonObject.builder()
                .put("admin", bearer("the admin token: HIVEMESH_ADMIN_TOKEN, or <data dir>/admin.token"))
                .put("session", bearer("a session token from POST /api/v1/sessions (8 hours; scope read, read-write "
                        + "or execute)"))
                .put("sync", bearer("the sync token a handshake issued to the calling instance; every /sync/v1 "
                        + "request is also signed (the X-Hivemesh-* headers)"))
                .put("registration", bearer("a hub registration key (POST /api/v1/map/registration-keys)"))
                .put("swarm", bearer("the swarm token a hub issued at registration"))
                .build();
    }

    private static JsonObject bearer(String description) {
        return JsonObject.builder().put("type", "http").put("scheme", "bearer").put("description", description).build();
    }

    private static JsonObject signatureParameters() {
        JsonValue.Builder parameters = JsonObject.builder();
        for (String header : SIGNATURE_HEADERS) {
            parameters.put(header.replace("-", ""), JsonObject.builder().put("name", header).put("in", "header")
                    .put("required", true).put("schema", Schema.string().json())
                    .put("description", "peer request signing (API.md): origin and destination instance IDs, the "
                            + "date in unix milliseconds, the hex Ed25519 signature").build());
        }
        return parameters.build();
    }
}
