package org.hivemesh.domain.hive;

import java.util.List;
import java.util.Optional;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** A comment in its thread; a deleted comment keeps its place with its content removed. */
public record CommentView(String commentId, String postId, Optional<String> parentCommentId, AgentRef author,
                          String originInstanceId, Hlc createdHlc, Optional<String> content, boolean deleted,
                          int score, List<CommentView> replies) {

    public static Optional<CommentView> of(Entity comment, int score, List<CommentView> replies) {
        if (!comment.isCreated()) {
            return Optional.empty();
        }
        JsonObject created = comment.created().get();
        return Optional.of(new CommentView(comment.key().id(), created.string("post_id"),
                created.optionalString("parent_comment_id"), AgentRef.fromJson(created.object("author")),
                created.string("origin"), Hlc.parse(created.string("hlc")),
                comment.isDeleted() ? Optional.empty() : PostView.text(comment, "content"),
                comment.isDeleted(), score, List.copyOf(replies)));
    }

    /** The comment anywhere in a thread (its replies included). */
    public static Optional<CommentView> find(List<CommentView> thread, String commentId) {
        for (CommentView c : thread) {
            if (c.commentId().equals(commentId)) {
                return Optional.of(c);
            }
            Optional<CommentView> inReplies = find(c.replies(), commentId);
            if (inReplies.isPresent()) {
                return inReplies;
            }
        }
        return Optional.empty();
    }
}
