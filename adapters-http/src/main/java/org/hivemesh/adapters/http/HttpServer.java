package org.hivemesh.adapters.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.hivemesh.adapters.http.ops.HttpMetrics;
import org.hivemesh.adapters.http.ops.OpenApi;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.StorageFull;
import org.hivemesh.application.shared.port.out.StoreConflict;
import org.hivemesh.domain.event.JsonFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Javalin server: every route group, one error format (Jetty's own refusals too), request-body rules, request metrics. */
public final class HttpServer {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final Settings settings;
    private final Set<HttpRoutes> groups;
    private final HttpMetrics metrics;
    private Javalin app;

    /**
     * {@code maxImportBytes} applies to JSONL imports, which are streamed; every other body is held to
     * {@code maxBodyBytes}. {@code idleTimeout}: how long a connection may send nothing, mid-request included.
     * With {@code tls} the one listener speaks HTTPS only.
     */
    public record Settings(String host, int port, long maxBodyBytes, long maxImportBytes, Duration idleTimeout,
                           String version, Optional<SSLContext> tls) {
        public static final long DEFAULT_MAX_BODY = 1024 * 1024;
        public static final long DEFAULT_MAX_IMPORT = 4L * 1024 * 1024 * 1024;
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    }

    public HttpServer(Settings settings, Set<HttpRoutes> groups, HttpMetrics metrics) {
        this.settings = settings;
        this.groups = groups;
        this.metrics = metrics;
    }

    public synchronized void start() {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // Javalin adds its default connector only when none is given; this one has our idle timeout and TLS.
            config.jetty.addConnector(this::connector);
            // What Jetty refuses before Javalin sees it (bad URI, oversize headers, timeouts) answers in our format too.
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.defaultContentType = "application/json";
            Router router = new Router(config.routes);
            config.routes.before(HttpServer::refuseAmbiguousPath);
            config.routes.beforeMatched(this::checkBody);
            config.routes.after(ctx -> metrics.recordRequest(ctx.method().name(), ctx.endpoint() == null ? "unmatched"
                    : ctx.endpoint().path, ctx.statusCode()));
            groups.forEach(group -> group.register(router));
            List<Router.RouteDoc> docs = router.docs();
            router.get("/openapi.json", "none", "this document",
                    ctx -> JsonBodies.respond(ctx, 200, OpenApi.document(settings.version(), docs)));
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
            config.routes.exception(HivemeshException.class, (e, ctx) -> error(ctx, status(e.kind()), e.code(), e.getMessage()));
            config.routes.exception(StorageFull.class, (e, ctx) -> {
                LOG.warn("{} {} refused: {}", ctx.method(), ctx.path(), e.getMessage());
                error(ctx, 507, "insufficient_storage", "the store is full; nothing was written");
            });
            config.routes.exception(StoreConflict.class, (e, ctx) -> error(ctx, 409, "conflict",
                    "a concurrent request changed the same thing first; nothing was written — read again and retry"));
            config.routes.exception(JsonFieldException.class, (e, ctx) -> error(ctx, 400, "invalid_field", e.getMessage()));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, "invalid_request", e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    ApiError.codeFor(e.getStatus()),
                    e.getStatus() == 404 ? "no route " + ctx.method() + " " + ctx.path() : e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal_error", "internal error; see the server log");
            });
        });
        app.start();
        LOG.info("{} listening on {}:{}", settings.tls().isPresent() ? "HTTPS" : "HTTP", settings.host(), app.port());
    }

    private ServerConnector connector(Server server, HttpConfiguration http) {
        ServerConnector connector = settings.tls().map(tls -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls);
            HttpConfiguration https = new HttpConfiguration(http);
            https.addCustomizer(new SecureRequestCustomizer());
            return new ServerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(https));
        }).orElseGet(() -> new ServerConnector(server, new HttpConnectionFactory(http)));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        return connector;
    }

    /** Refused bodies up to this many times {@code maxBodyBytes} are read and dropped first, so the client gets the answer. */
    private static final int DRAIN_FACTOR = 16;

    /** An encoded '/', '%' or dot segment, or an empty segment, reads differently before and after decoding. */
    private static void refuseAmbiguousPath(Context ctx) {
        HttpURI uri = ServletContextRequest.getServletContextRequest(ctx.req()).getHttpURI();
        if (uri.isAmbiguous()) {
            throw new ApiError(400, "ambiguous_uri", "the request path is ambiguous once decoded " + uri.getViolations());
        }
    }

    /** Before the handler: a body must fit its route's limit and be of a media type the route reads. */
    private void checkBody(Context ctx) {
        long length = ctx.contentLength();
        if (length <= 0 && ctx.header("Transfer-Encoding") == null) {
            return;
        }
        boolean jsonLines = Router.takesJsonLines(ctx.endpoints().matchedHttpEndpoint());
        long limit = jsonLines ? settings.maxImportBytes() : settings.maxBodyBytes();
        if (length > limit) {
            throw drained(ctx, new ApiError(413, "body_too_large",
                    "request body of " + length + " bytes exceeds the limit of " + limit));
        }
        String type = ctx.header("Content-Type");
        if (!MediaTypes.accepted(type, jsonLines)) {
            String wanted = jsonLines ? "application/x-ndjson" : "application/json";
            throw drained(ctx, new ApiError(415, "unsupported_media_type", type == null
                    ? "a request body needs Content-Type: " + wanted
                    : "Content-Type '" + type + "' is not accepted here; send " + wanted + " (UTF-8)"));
        }
    }

    /** Closing on a client still sending makes TCP reset the connection, and the refusal can be lost. */
    private ApiError drained(Context ctx, ApiError refusal) {
        long length = ctx.contentLength();
        if (length >= 0 && length <= settings.maxBodyBytes() * DRAIN_FACTOR) {
            try (InputStream body = ctx.req().getInputStream()) {
                body.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                LOG.debug("could not drain a refused body", e);
            }
        }
        return refusal;
    }

    private static int status(HivemeshException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case LIMITED -> 429;
        };
    }

    private static void error(Context ctx, int status, String code, String message) {
        JsonBodies.respond(ctx, status, ApiError.body(code, message));
    }

    public synchronized int port() {
        return app.port();
    }

    /** Stops accepting requests and lets the ones in flight finish. */
    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }
}
