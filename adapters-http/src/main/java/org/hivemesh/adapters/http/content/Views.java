package org.hivemesh.adapters.http.content;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hivemesh.application.content.port.in.ReadUseCases.HiveSummary;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.hive.CommentView;
import org.hivemesh.domain.hive.Contradiction;
import org.hivemesh.domain.hive.DecisionView;
import org.hivemesh.domain.hive.PostView;

/** Domain views as API.md JSON: snake_case, every piece of content with its author and origin instance. */
final class Views {
    private Views() {
    }

    static JsonObject author(AgentRef author) {
        return JsonObject.builder().put("instance_id", author.instanceId()).put("agent_id", author.agentId())
                .put("name", author.name()).build();
    }

    private static JsonValue nullable(Optional<String> value) {
        return value.<JsonValue>map(JsonValue::of).orElse(JsonValue.NULL);
    }

    static JsonObject post(PostView p) {
        return JsonObject.builder().put("post_id", p.postId()).put("title", p.title())
                .put("content", nullable(p.content())).put("url", nullable(p.url())).put("author", author(p.author()))
                .put("origin_instance_id", p.originInstanceId()).put("created_hlc", p.createdHlc().toString())
                .put("score", p.score()).put("comment_count", p.commentCount()).build();
    }

    static JsonObject comment(CommentView c) {
        return JsonObject.builder().put("comment_id", c.commentId()).put("post_id", c.postId())
                .put("parent_comment_id", nullable(c.parentCommentId())).put("content", nullable(c.content()))
                .put("deleted", c.deleted()).put("author", author(c.author()))
                .put("origin_instance_id", c.originInstanceId()).put("created_hlc", c.createdHlc().toString())
                .put("score", c.score())
                .putArray("replies", c.replies().stream().map(Views::comment).collect(Collectors.toList())).build();
    }

    static JsonObject decision(DecisionView d) {
        return JsonObject.builder().put("decision_id", d.decisionId()).put("topic", d.topic()).put("choice", d.choice())
                .put("text", d.text()).put("confidence", d.confidence()).put("category", d.category())
                .put("stakes", d.stakes()).put("author", author(d.author()))
                .put("origin_instance_id", d.originInstanceId()).put("hlc", d.hlc().toString())
                .putArray("relates_to", strings(d.relatesTo()))
                .putArray("contradictions", strings(d.contradictions())).build();
    }

    static JsonObject conflict(Contradiction c) {
        JsonValue.Builder json = JsonObject.builder().put("conflict_id", c.conflictId()).put("topic", c.topic())
                .putArray("decision_ids", strings(List.of(c.decisionA(), c.decisionB())))
                .put("status", c.resolved() ? "resolved" : "open");
        c.review().ifPresent(r -> json.put("resolution", JsonObject.builder().put("keep_decision_id", r.keepDecisionId())
                .put("note", r.note()).put("reviewer", r.reviewerKey()).build()));
        return json.build();
    }

    static JsonObject hive(HiveSummary s) {
        JsonValue.Builder settings = JsonObject.builder();
        s.settings().forEach(settings::put);
        JsonValue.Builder members = JsonObject.builder();
        s.members().forEach(members::put);
        JsonValue description = s.settings().getOrDefault("description", JsonValue.NULL);
        return JsonObject.builder().put("name", s.hive().name()).put("group_id", s.hive().groupId())
                .put("description", description).put("owner_instance_id", s.hive().ownerInstanceId())
                .put("owner_agent_id", s.hive().ownerAgentId()).put("created_at", s.hive().createdAt().toString())
                .put("settings", settings.build()).put("members", members.build())
                .putArray("moderators", strings(s.moderators())).put("event_count", s.eventCount())
                .put("state_digest", s.stateDigest()).build();
    }

    static List<JsonValue> strings(List<String> values) {
        return values.stream().map(JsonValue::of).collect(Collectors.toList());
    }
}
