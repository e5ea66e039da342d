package org.hivemesh.adapters.http.content;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.JsonBodies;
import org.hivemesh.adapters.http.Router;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.content.port.in.ContentUseCases;
import org.hivemesh.application.content.port.in.HiveUseCases;
import org.hivemesh.application.content.port.in.ReadUseCases;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.StateStore.FeedOrder;
import org.hivemesh.application.content.port.out.StateStore.FeedPage;
import org.hivemesh.domain.event.JsonFieldException;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.event.MembershipAction;
import org.hivemesh.domain.event.ModeratorAction;
import org.hivemesh.domain.event.Stakes;
import org.hivemesh.domain.event.TargetType;
import org.hivemesh.domain.hive.PostView;

/** "Local content" of API.md: hives, posts, comments, votes, decisions and conflicts, with a session token. */
public final class ContentRoutes implements HttpRoutes {
    private static final String SESSION = "session";

    private final AgentUseCases agents;
    private final HiveUseCases hives;
    private final ContentUseCases content;
    private final ReadUseCases reads;

    public ContentRoutes(AgentUseCases agents, HiveUseCases hives, ContentUseCases content, ReadUseCases reads) {
        this.agents = agents;
        this.hives = hives;
        this.content = content;
        this.reads = reads;
    }

    private Principal principal(Context ctx) {
        return agents.authenticate(JsonBodies.bearer(ctx).orElse(null));
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/hives", SESSION, "create a hive", ctx -> {
            Principal who = principal(ctx);
            JsonObject body = JsonBodies.object(ctx);
            HiveRecord hive = hives.createHive(who, new HiveUseCases.CreateHiveCommand(body.string("name"),
                    body.optionalString("description").orElse(null)));
            JsonBodies.respond(ctx, 201, Views.hive(reads.hive(who, hive.name())));
        });
        router.get("/api/v1/hives", SESSION, "list hives", ctx -> JsonBodies.respond(ctx, 200, JsonObject.builder()
                .putArray("data", reads.hives(principal(ctx)).stream().map(Views::hive).collect(Collectors.toList())).build()));
        router.get("/api/v1/hives/{name}", SESSION, "one hive with settings, members and digest",
                ctx -> JsonBodies.respond(ctx, 200, Views.hive(reads.hive(principal(ctx), ctx.pathParam("name")))));
        router.patch("/api/v1/hives/{name}/settings", SESSION, "change a setting (owner or moderator)", ctx -> {
            Principal who = principal(ctx);
            JsonObject body = JsonBodies.object(ctx);
            hives.changeSetting(who, new HiveUseCases.ChangeSettingCommand(ctx.pathParam("name"), body.string("key"),
                    body.required("value")));
            JsonBodies.respond(ctx, 200, Views.hive(reads.hive(who, ctx.pathParam("name"))));
        });
        router.post("/api/v1/hives/{name}/members", SESSION, "join, leave, ban or unban", ctx -> {
            Principal who = principal(ctx);
            JsonObject body = JsonBodies.object(ctx);
            hives.changeMembership(who, new HiveUseCases.ChangeMembershipCommand(ctx.pathParam("name"),
                    body.string("agent_id"), MembershipAction.fromWire(body.string("action")),
                    body.optionalString("instance_id"), body.optionalString("name")));
            JsonBodies.respond(ctx, 200, Views.hive(reads.hive(who, ctx.pathParam("name"))));
        });
        router.post("/api/v1/hives/{name}/moderators", SESSION, "add or remove a moderator (owner)", ctx -> {
            Principal who = principal(ctx);
            JsonObject body = JsonBodies.object(ctx);
            hives.changeModerator(who, new HiveUseCases.ChangeModeratorCommand(ctx.pathParam("name"),
                    body.string("agent_id"), ModeratorAction.fromWire(body.string("action")),
                    body.optionalString("instance_id"), body.optionalString("name")));
            JsonBodies.respond(ctx, 200, Views.hive(reads.hive(who, ctx.pathParam("name"))));
        });
        router.post("/api/v1/hives/{name}/posts", SESSION, "create a post", ctx -> {
            Principal who = principal(ctx);
            JsonObject body = JsonBodies.object(ctx);
            PostView post = content.createPost(who, new ContentUseCases.CreatePostCommand(ctx.pathParam("name"),
                    body.string("title"), body.optionalString("content"), body.optionalString("url")));
            JsonBodies.respond(ctx, 201, Views.post(post));
        });
        router.get("/api/v1/hives/{name}/feed", SESSION, "posts, sort=new|top, paged by cursor", ctx -> {
            FeedOrder order = switch (Optional.ofNullable(ctx.queryParam("sort")).orElse("new")) {
                case "new" -> FeedOrder.NEW;
                case "top" -> FeedOrder.TOP;
                default -> throw new IllegalArgumentException("sort must be 'new' or 'top'");
            };
            FeedPage page = reads.feed(principal(ctx), ctx.pathParam("name"), order,
                    JsonBodies.intQuery(ctx, "limit").orElse(25), Optional.ofNullable(ctx.queryParam("cursor")));
            JsonBodies.respond(ctx, 200, JsonObject.builder()
                    .putArray("data", page.posts().stream().map(Views::post).collect(Collectors.toList()))
                    .put("cursor", page.nextPosition().<JsonValue>map(JsonValue::of).orElse(JsonValue.NULL))
                    .put("has_more", page.nextPosition().isPresent()).build());
        });
        router.get("/api/v1/posts/{post_id}", SESSION, "a post with its threaded comments", ctx -> {
            ReadUseCases.PostWithThread view = reads.post(principal(ctx), ctx.pathParam("post_id"));
            JsonObject post = Views.post(view.post());
            JsonValue.Builder json = JsonObject.builder();
            post.members().forEach(json::put);
            json.put("hive", view.hiveName())
                    .putArray("comments", view.comments().stream().map(Views::comment).collect(Collectors.toList()));
            JsonBodies.respond(ctx, 200, json.build());
        });
        router.patch("/api/v1/posts/{post_id}", SESSION, "edit a post (author or moderator)", ctx -> {
            Principal who = principal(ctx);
            JsonObject body = JsonBodies.object(ctx);
            PostView post = content.editPost(who, new ContentUseCases.EditPostCommand(ctx.pathParam("post_id"),
                    body.optionalString("title"), body.optionalString("content"), body.optionalString("url")));
            JsonBodies.respond(ctx, 200, Views.post(post));
        });
        router.delete("/api/v1/posts/{post_id}", SESSION, "delete a post (tombstone)", ctx -> {
            content.deletePost(principal(ctx), ctx.pathParam("post_id"));
            ctx.status(204);
        });
        router.post("/api/v1/posts/{post_id}/comments", SESSION, "comment on a post or reply to a comment", ctx -> {
            Principal who = principal(ctx);
            JsonObject body = JsonBodies.object(ctx);
            JsonBodies.respond(ctx, 201, Views.comment(content.comment(who, new ContentUseCases.CommentCommand(
                    ctx.pathParam("post_id"), body.string("content"), body.optionalString("parent_comment_id")))));
        });
        router.patch("/api/v1/comments/{comment_id}", SESSION, "edit a comment (author or moderator)", ctx -> {
            Principal who = principal(ctx);
            JsonObject body = JsonBodies.object(ctx);
            JsonBodies.respond(ctx, 200, Views.comment(content.editComment(who,
                    new ContentUseCases.EditCommentCommand(ctx.pathParam("comment_id"), body.string("content")))));
        });
        router.delete("/api/v1/comments/{comment_id}", SESSION, "delete a comment (tombstone)", ctx -> {
            content.deleteComment(principal(ctx), ctx.pathParam("comment_id"));
            ctx.status(204);
        });
        router.post("/api/v1/votes", SESSION, "vote 1, -1, or 0 to remove", ctx -> {
            Principal who = principal(ctx);
            JsonObject body = JsonBodies.object(ctx);
            TargetType type = TargetType.fromWire(body.string("target_type"));
            int value = integer(body, "value");
            int score = content.vote(who, new ContentUseCases.VoteCommand(type, body.string("target_id"), value));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("target_type", type.wire())
                    .put("target_id", body.string("target_id")).put("value", value).put("score", score).build());
        });
        router.post("/api/v1/hives/{name}/decisions", SESSION, "record a decision", ctx -> {
            Principal who = principal(ctx);
            JsonObject body = JsonBodies.object(ctx);
            JsonBodies.respond(ctx, 201, Views.decision(content.recordDecision(who, new ContentUseCases.RecordDecisionCommand(
                    ctx.pathParam("name"), body.string("topic"), body.string("choice"), body.string("text"),
                    body.number("confidence"), body.string("category"), Stakes.fromWire(body.string("stakes"))))));
        });
        router.get("/api/v1/hives/{name}/decisions", SESSION, "decisions with relates_to and contradiction links",
                ctx -> JsonBodies.respond(ctx, 200, JsonObject.builder().putArray("data",
                        reads.decisions(principal(ctx), ctx.pathParam("name")).stream().map(Views::decision)
                                .collect(Collectors.toList())).build()));
        router.get("/api/v1/hives/{name}/conflicts", SESSION, "contradictions awaiting review (all with ?status=all)",
                ctx -> JsonBodies.respond(ctx, 200, JsonObject.builder().putArray("data",
                        reads.conflicts(principal(ctx), ctx.pathParam("name"), "all".equals(ctx.queryParam("status")))
                                .stream().map(Views::conflict).collect(Collectors.toList())).build()));
        router.post("/api/v1/conflicts/{id}/review", SESSION, "resolve a contradiction", ctx -> {
            Principal who = principal(ctx);
            JsonObject body = JsonBodies.object(ctx);
            content.reviewConflict(who, new ContentUseCases.ReviewConflictCommand(ctx.pathParam("id"),
                    body.string("keep_decision_id"), body.optionalString("note").orElse("")));
            JsonBodies.respond(ctx, 200, JsonObject.builder().put("conflict_id", ctx.pathParam("id"))
                    .put("status", "resolved").put("keep_decision_id", body.string("keep_decision_id")).build());
        });
    }

    private static int integer(JsonObject body, String field) {
        double value = body.number(field);
        if (value != Math.rint(value)) {
            throw new JsonFieldException(field, "must be an integer");
        }
        return (int) value;
    }
}
