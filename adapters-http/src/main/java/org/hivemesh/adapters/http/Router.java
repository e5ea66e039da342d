package org.hivemesh.adapters.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.EndpointMetadata;
import java.util.ArrayList;
import java.util.List;

/** Registers routes with Javalin and remembers them, so /openapi.json always lists what is served. */
public final class Router {
    private final RoutesConfig routes;
    private final List<RouteDoc> docs = new ArrayList<>();

    Router(RoutesConfig routes) {
        this.routes = routes;
    }

    public record RouteDoc(String method, String path, String summary, String auth) {
    }

    public void get(String path, String auth, String summary, Handler handler) {
        docs.add(new RouteDoc("get", path, summary, auth));
        routes.get(path, handler);
    }

    public void post(String path, String auth, String summary, Handler handler) {
        docs.add(new RouteDoc("post", path, summary, auth));
        routes.post(path, handler);
    }

    /** A POST whose handler streams a JSON Lines body: held to the import limit, JSONL media types accepted. */
    public void postJsonLines(String path, String auth, String summary, Handler handler) {
        docs.add(new RouteDoc("post", path, summary, auth));
        routes.addEndpoint(Endpoint.create(HandlerType.POST, path).addMetadata(new JsonLinesBody()).handler(handler));
    }

    private record JsonLinesBody() implements EndpointMetadata {
    }

    static boolean takesJsonLines(Endpoint endpoint) {
        return endpoint != null && endpoint.metadata(JsonLinesBody.class) != null;
    }

    public void put(String path, String auth, String summary, Handler handler) {
        docs.add(new RouteDoc("put", path, summary, auth));
        routes.put(path, handler);
    }

    public void patch(String path, String auth, String summary, Handler handler) {
        docs.add(new RouteDoc("patch", path, summary, auth));
        routes.patch(path, handler);
    }

    public void delete(String path, String auth, String summary, Handler handler) {
        docs.add(new RouteDoc("delete", path, summary, auth));
        routes.delete(path, handler);
    }

    /**
     * Runs before every matched route under {@code path} ({@code *} matches the rest), after the server's own body
     * checks (size, media type), so a handler here may read the body.
     */
    public void beforeMatched(String path, Handler handler) {
        routes.beforeMatched(path, handler);
    }

    List<RouteDoc> docs() {
        return List.copyOf(docs);
    }
}
