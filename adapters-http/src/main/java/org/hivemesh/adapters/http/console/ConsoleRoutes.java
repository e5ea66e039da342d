package org.hivemesh.adapters.http.console;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.Route;
import org.hivemesh.adapters.http.Router;

/**
 * The operator console: plain HTML, CSS and JavaScript from this jar's {@code /console/}, no build step. It asks for
 * the admin token and keeps it in the browser's sessionStorage; everything it shows comes from the admin API.
 */
public final class ConsoleRoutes implements HttpRoutes {
    private static final Map<String, String> FILES = Map.of("console.js", "text/javascript;charset=utf-8",
            "console.css", "text/css;charset=utf-8");

    @Override
    public void register(Router router) {
        router.get("/", Route.op("console", "the operator console (HTML)")
                .returnsBody(200, "text/html", "the console page"), ctx -> serve(ctx, "index.html", "text/html;charset=utf-8"));
        router.get("/console/{file}", Route.op("consoleFile", "the console's script and style sheet")
                .returnsBody(200, "text/plain", "console.js or console.css").errors(404), ctx -> {
            String file = ctx.pathParam("file");
            String type = FILES.get(file);
            if (type == null) {
                throw new io.javalin.http.NotFoundResponse("no console file " + file);
            }
            serve(ctx, file, type);
        });
    }

    private static void serve(Context ctx, String file, String type) throws IOException {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/console/" + file)) {
            if (in == null) {
                throw new IllegalStateException("console file " + file + " missing from the jar");
            }
            // Only this origin's script, styles and API: a token in sessionStorage is not for third-party code.
            ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType(type).result(in.readAllBytes());
        }
    }
}
