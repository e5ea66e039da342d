package org.hivemesh.adapters.http.content;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.JsonBodies;
import org.hivemesh.adapters.http.Route;
import org.hivemesh.adapters.http.Router;
import org.hivemesh.adapters.http.Schema;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.content.port.in.ReadUseCases;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/**
 * {@code GET /api/v1/hives/{name}/stream}: Server-Sent Events, one per change stored in the hive, local or synced,
 * with the local seq as its ID. {@code Last-Event-ID} (or {@code ?last_event_id=}) resumes after that seq; without it
 * the stream starts with the next change.
 */
public final class StreamRoutes implements HttpRoutes {
    private static final int BACKLOG_PAGE = 500;

    private final AgentUseCases agents;
    private final ReadUseCases reads;
    private final EventStore events;
    private final HiveStreams streams;

    public StreamRoutes(AgentUseCases agents, ReadUseCases reads, EventStore events, HiveStreams streams) {
        this.agents = agents;
        this.reads = reads;
        this.events = events;
        this.streams = streams;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/hives/{name}/stream", Route.op("streamHive",
                "Server-Sent Events: every change as it is materialized, local or synced; resume with Last-Event-ID")
                .auth(Route.Auth.SESSION).query("last_event_id", Schema.integer(), "resume after this local seq")
                .returnsBody(200, "text/event-stream", "one event per change, its id the local seq").errors(400, 401, 404),
                this::stream);
    }

    private void stream(Context ctx) throws IOException, InterruptedException {
        Principal who = agents.authenticate(JsonBodies.bearer(ctx).orElse(null));
        ReadUseCases.HiveSummary hive = reads.hive(who, ctx.pathParam("name"));
        String groupId = hive.hive().groupId();
        Optional<Long> resume = lastEventId(ctx);
        try (HiveStreams.Subscription live = streams.subscribe(groupId)) {
            long sent = resume.orElseGet(() -> events.currentSeq(groupId));
            ctx.status(200);
            ctx.res().setContentType("text/event-stream;charset=utf-8");
            ctx.res().setHeader("Cache-Control", "no-store");
            ctx.res().setHeader("X-Accel-Buffering", "no");
            OutputStream out = ctx.res().getOutputStream();
            write(out, ": hive " + hive.hive().name() + "\nretry: 2000\n\n");
            List<StoredEvent> page;
            do {
                page = events.read(groupId, sent, BACKLOG_PAGE);
                for (StoredEvent e : page) {
                    send(out, who, hive.hive().name(), e);
                    sent = e.seq();
                }
            } while (page.size() == BACKLOG_PAGE);
            while (true) {
                StoredEvent e = live.next();
                if (e == null) {
                    write(out, ": keep-alive\n\n");
                } else if (e.seq() > sent) {
                    send(out, who, hive.hive().name(), e);
                    sent = e.seq();
                }
            }
        } catch (HiveStreams.Ended | IOException gone) {
            // Dropped as too slow, the server stopping, or the client gone: the stream just ends.
        }
    }

    private static Optional<Long> lastEventId(Context ctx) {
        String value = Optional.ofNullable(ctx.header("Last-Event-ID")).orElse(ctx.queryParam("last_event_id"));
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long seq = Long.parseLong(value.trim());
            if (seq < 0) {
                throw new NumberFormatException();
            }
            return Optional.of(seq);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Last-Event-ID must be a local seq (a whole number >= 0), got '" + value + "'");
        }
    }

    private void send(OutputStream out, Principal who, String hive, StoredEvent stored) throws IOException {
        write(out, "id: " + stored.seq() + "\nevent: " + stored.event().type().wireName() + "\ndata: "
                + change(hive, stored, reads.changed(who, hive, stored.event())).canonical() + "\n\n");
    }

    /**
     * The change as the API shows content: its author and origin instance, what it says, and what it is about as
     * the API reads it now ({@code object}, null when gone, with its {@code object_type}).
     */
    static JsonObject change(String hive, StoredEvent stored, Optional<ReadUseCases.Changed> about) {
        Event e = stored.event();
        return JsonObject.builder().put("seq", stored.seq()).put("event_id", e.id().value())
                .put("type", e.type().wireName()).put("hive", hive).put("origin_instance_id", e.origin())
                .put("author", Views.author(e.payload().actor())).put("hlc", e.hlc().toString())
                .put("payload", e.payload().toJson()).put("object_type", objectType(e))
                .put("object", about.<JsonValue>map(StreamRoutes::view).orElse(JsonValue.NULL)).build();
    }

    /** A vote is about the post or comment it counts for. */
    private static String objectType(Event e) {
        return switch (e.type()) {
            case POST_CREATED, POST_UPDATED, POST_DELETED -> "post";
            case COMMENT_CREATED, COMMENT_UPDATED, COMMENT_DELETED -> "comment";
            case VOTE_CAST -> ((EventPayload.VoteCast) e.payload()).targetType().wire();
            case DECISION_RECORDED -> "decision";
            case DECISION_REVIEWED -> "conflict";
            case HIVE_SETTING_CHANGED, MEMBERSHIP_CHANGED, MODERATOR_CHANGED, ROSTER_CHANGED, OWNER_TRANSFERRED,
                 OWNER_SUCCESSION_CLAIMED -> "hive";
        };
    }

    private static JsonObject view(ReadUseCases.Changed changed) {
        if (changed instanceof ReadUseCases.Changed.Post p) {
            return Views.post(p.post());
        } else if (changed instanceof ReadUseCases.Changed.Comment c) {
            return Views.comment(c.comment());
        } else if (changed instanceof ReadUseCases.Changed.Decision d) {
            return Views.decision(d.decision());
        } else if (changed instanceof ReadUseCases.Changed.Conflict c) {
            return Views.conflict(c.conflict());
        }
        return Views.hive(((ReadUseCases.Changed.Hive) changed).hive());
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
