package org.hivemesh.application.content.port.in;

import java.util.Optional;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.domain.event.Stakes;
import org.hivemesh.domain.event.TargetType;
import org.hivemesh.domain.hive.CommentView;
import org.hivemesh.domain.hive.DecisionView;
import org.hivemesh.domain.hive.PostView;

/** Writing posts, comments, votes, decisions and conflict reviews; the principal is the author. */
public interface ContentUseCases {
    PostView createPost(Principal principal, CreatePostCommand command);

    PostView editPost(Principal principal, EditPostCommand command);

    void deletePost(Principal principal, String postId);

    CommentView comment(Principal principal, CommentCommand command);

    CommentView editComment(Principal principal, EditCommentCommand command);

    void deleteComment(Principal principal, String commentId);

    int vote(Principal principal, VoteCommand command);

    DecisionView recordDecision(Principal principal, RecordDecisionCommand command);

    void reviewConflict(Principal principal, ReviewConflictCommand command);

    record CreatePostCommand(String hiveName, String title, Optional<String> content, Optional<String> url) {
    }

    record EditPostCommand(String postId, Optional<String> title, Optional<String> content, Optional<String> url) {
    }

    record CommentCommand(String postId, String content, Optional<String> parentCommentId) {
    }

    record EditCommentCommand(String commentId, String content) {
    }

    record VoteCommand(TargetType targetType, String targetId, int value) {
    }

    record RecordDecisionCommand(String hiveName, String topic, String choice, String text, double confidence,
                                 String category, Stakes stakes) {
    }

    record ReviewConflictCommand(String conflictId, String keepDecisionId, String note) {
    }
}
