package org.hivemesh.adapters.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.EndpointMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Registers routes with Javalin and keeps their definitions, so /openapi.json always describes what is served:
 * {@code router.get(path, Route.op("listAgents", "…").auth(ADMIN).returns(200, AGENTS), handler)}.
 */
public final class Router {
    private final RoutesConfig routes;
    private final String tag;
    private final List<Route.Definition> definitions;

    Router(RoutesConfig routes) {
        this(routes, "default", new ArrayList<>());
    }

    private Router(RoutesConfig routes, String tag, List<Route.Definition> definitions) {
        this.routes = routes;
        this.tag = tag;
        this.definitions = definitions;
    }

    /** The same router, its routes listed under {@code tag} (a generated client's API class). */
    Router tagged(String name) {
        return new Router(routes, name, definitions);
    }

    public void get(String path, Route.Spec spec, Handler handler) {
        add(HandlerType.GET, path, spec, handler);
    }

    public void post(String path, Route.Spec spec, Handler handler) {
        add(HandlerType.POST, path, spec, handler);
    }

    public void put(String path, Route.Spec spec, Handler handler) {
        add(HandlerType.PUT, path, spec, handler);
    }

    public void patch(String path, Route.Spec spec, Handler handler) {
        add(HandlerType.PATCH, path, spec, handler);
    }

    public void delete(String path, Route.Spec spec, Handler handler) {
        add(HandlerType.DELETE, path, spec, handler);
    }

    private void add(HandlerType method, String path, Route.Spec spec, Handler handler) {
        definitions.add(new Route.Definition(method.name().toLowerCase(Locale.ROOT), path, spec, tag));
        Endpoint endpoint = new Endpoint(method, path, handler);
        routes.addEndpoint(spec.takesJsonLines() ? endpoint.withMetadata(new JsonLinesBody()) : endpoint);
    }

    /**
     * Runs before every matched route under {@code path} ({@code *} matches the rest), after the server's own body
     * checks (size, media type), so a handler here may read the body.
     */
    public void beforeMatched(String path, Handler handler) {
        routes.beforeMatched(path, handler);
    }

    private record JsonLinesBody() implements EndpointMetadata {
    }

    static boolean takesJsonLines(Endpoint endpoint) {
        return endpoint != null && endpoint.metadata(JsonLinesBody.class) != null;
    }

    List<Route.Definition> definitions() {
        return List.copyOf(definitions);
    }
}
