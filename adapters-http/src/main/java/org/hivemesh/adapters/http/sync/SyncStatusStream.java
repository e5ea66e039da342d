package org.hivemesh.adapters.http.sync;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.JsonBodies;
import org.hivemesh.adapters.http.Route;
import org.hivemesh.adapters.http.Router;
import org.hivemesh.application.shared.port.in.AdminAuthentication;
import org.hivemesh.application.sync.port.in.InstanceStatus;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.application.sync.port.in.SyncPeersUseCase;
import org.hivemesh.application.sync.port.out.PeerSchedule;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/**
 * {@code GET /api/v1/sync/status/stream} (admin): the figures of /sync/status and /sync/peers as Server-Sent Events,
 * for the console's live view. They are read again when {@link StatusChanges} says something moved (at most once per
 * {@code minGap}, so a burst of writes costs one read) and sent when they differ; after {@code keepAlive} without a
 * change they are read once more (a change no signal covers, such as a heartbeat received) and, when still the same,
 * a comment line keeps proxies from closing the idle connection.
 */
public final class SyncStatusStream implements HttpRoutes {
    private final SyncGroupsUseCase groups;
    private final SyncPeersUseCase peers;
    private final PeerSchedule schedule;
    private final AdminAuthentication admin;
    private final StatusChanges changes;
    private final Settings settings;
    private volatile boolean open = true;

    public record Settings(Duration minGap, Duration keepAlive) {
        public static final Settings DEFAULT = new Settings(Duration.ofMillis(250), Duration.ofSeconds(15));
    }

    public SyncStatusStream(SyncGroupsUseCase groups, SyncPeersUseCase peers, PeerSchedule schedule,
                            AdminAuthentication admin, StatusChanges changes, Settings settings) {
        this.groups = groups;
        this.peers = peers;
        this.schedule = schedule;
        this.admin = admin;
        this.changes = changes;
        this.settings = settings;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/sync/status/stream", Route.op("streamSyncStatus",
                "Server-Sent Events: /sync/status and /sync/peers as one 'status' event, again whenever they change")
                .auth(Route.Auth.ADMIN).returnsBody(200, "text/event-stream", "a 'status' event per change")
                .errors(401), this::stream);
    }

    /** Ends open streams, so that the server's graceful stop does not wait for them. */
    public void close() {
        open = false;
        changes.changed();
    }

    JsonObject snapshot() {
        InstanceStatus status = groups.status();
        return JsonObject.builder().put("instance_id", status.instanceId())
                .putArray("groups", status.groups().stream().map(SyncViews::group).collect(Collectors.toList()))
                .putArray("peers", peers.peers().stream().map(p -> SyncViews.peer(p, peers.hiveStates(p.peerId()),
                                schedule.of(p.peerId())))
                        .collect(Collectors.toList())).build();
    }

    private void stream(Context ctx) throws InterruptedException {
        admin.require(JsonBodies.bearer(ctx).orElse(null));
        ctx.status(200);
        ctx.res().setContentType("text/event-stream;charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-store");
        String last = null;
        boolean quiet = false;
        try {
            OutputStream out = ctx.res().getOutputStream();
            write(out, "retry: 2000\n\n");
            long seen = changes.version();
            while (open) {
                String now = snapshot().canonical();
                if (!now.equals(last)) {
                    write(out, "event: status\ndata: " + now + "\n\n");
                    last = now;
                } else if (quiet) {
                    write(out, ": keep-alive\n\n");
                }
                long read = System.nanoTime();
                long next = changes.awaitPast(seen, settings.keepAlive().toMillis());
                quiet = next == seen;
                long gapLeft = settings.minGap().toMillis() - (System.nanoTime() - read) / 1_000_000;
                if (!quiet && gapLeft > 0) {
                    // the rest of a burst of changes lands meanwhile, and one read covers it all
                    Thread.sleep(gapLeft);
                }
                seen = changes.version();
            }
        } catch (IOException gone) {
            // the console closed the page
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
