package org.hivemesh.application.service;

import java.util.List;
import java.util.Optional;
import org.hivemesh.application.port.in.ContentUseCases;
import org.hivemesh.application.port.in.HivemeshException;
import org.hivemesh.application.port.in.Principal;
import org.hivemesh.application.port.in.Scope;
import org.hivemesh.application.port.out.HiveRecord;
import org.hivemesh.application.port.out.HiveStore;
import org.hivemesh.application.port.out.StateStore;
import org.hivemesh.application.port.out.Transactions;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.EventPayload.TargetType;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.hive.CommentView;
import org.hivemesh.domain.hive.Contradiction;
import org.hivemesh.domain.hive.DecisionLinks;
import org.hivemesh.domain.hive.DecisionView;
import org.hivemesh.domain.hive.Entity;
import org.hivemesh.domain.hive.EntityKind;
import org.hivemesh.domain.hive.HiveRules;
import org.hivemesh.domain.hive.HiveState;
import org.hivemesh.domain.hive.PostView;

public final class ContentService implements ContentUseCases {
    private final HiveStore hives;
    private final HiveAccess access;
    private final EventWriter writer;
    private final StateStore state;
    private final Transactions transactions;

    public ContentService(HiveStore hives, HiveAccess access, EventWriter writer, StateStore state,
                          Transactions transactions) {
        this.hives = hives;
        this.access = access;
        this.writer = writer;
        this.state = state;
        this.transactions = transactions;
    }

    @Override
    public PostView createPost(Principal principal, CreatePostCommand command) {
        principal.require(Scope.READ_WRITE);
        return transactions.inTransaction(() -> {
            HiveRecord hive = access.hive(command.hiveName());
            access.requireNotBanned(hive, principal);
            Event event = writer.write(hive, new EventPayload.PostCreated(command.title(), command.content(),
                    command.url(), principal.agent()));
            return postView(hive, HiveRules.postId(event));
        });
    }

    @Override
    public PostView editPost(Principal principal, EditPostCommand command) {
        principal.require(Scope.READ_WRITE);
        return transactions.inTransaction(() -> {
            HiveAccess.Located post = visible(EntityKind.POST, command.postId());
            access.requireAuthorOrModerator(post, principal, "edit this post");
            writer.write(post.hive(), new EventPayload.PostUpdated(command.postId(), command.title(), command.content(),
                    command.url(), principal.agent()));
            return postView(post.hive(), command.postId());
        });
    }

    @Override
    public void deletePost(Principal principal, String postId) {
        principal.require(Scope.READ_WRITE);
        transactions.inTransaction(() -> {
            HiveAccess.Located post = visible(EntityKind.POST, postId);
            access.requireAuthorOrModerator(post, principal, "delete this post");
            return writer.write(post.hive(), new EventPayload.PostDeleted(postId, principal.agent(), Optional.empty()));
        });
    }

    @Override
    public CommentView comment(Principal principal, CommentCommand command) {
        principal.require(Scope.READ_WRITE);
        return transactions.inTransaction(() -> {
            HiveAccess.Located post = visible(EntityKind.POST, command.postId());
            access.requireNotBanned(post.hive(), principal);
            command.parentCommentId().ifPresent(parent -> {
                HiveAccess.Located parentComment = access.locate(EntityKind.COMMENT, parent);
                if (!parentComment.entity().created().orElseThrow().string("post_id").equals(command.postId())) {
                    throw HivemeshException.invalid("parent comment '" + parent + "' belongs to another post");
                }
            });
            Event event = writer.write(post.hive(), new EventPayload.CommentCreated(command.postId(),
                    command.parentCommentId(), command.content(), principal.agent()));
            return commentView(post.hive(), command.postId(), HiveRules.commentId(event));
        });
    }

    @Override
    public CommentView editComment(Principal principal, EditCommentCommand command) {
        principal.require(Scope.READ_WRITE);
        return transactions.inTransaction(() -> {
            HiveAccess.Located comment = visible(EntityKind.COMMENT, command.commentId());
            access.requireAuthorOrModerator(comment, principal, "edit this comment");
            writer.write(comment.hive(), new EventPayload.CommentUpdated(command.commentId(), command.content(),
                    principal.agent()));
            return commentView(comment.hive(), comment.entity().created().get().string("post_id"), command.commentId());
        });
    }

    @Override
    public void deleteComment(Principal principal, String commentId) {
        principal.require(Scope.READ_WRITE);
        transactions.inTransaction(() -> {
            HiveAccess.Located comment = visible(EntityKind.COMMENT, commentId);
            access.requireAuthorOrModerator(comment, principal, "delete this comment");
            return writer.write(comment.hive(), new EventPayload.CommentDeleted(commentId, principal.agent(), Optional.empty()));
        });
    }

    @Override
    public int vote(Principal principal, VoteCommand command) {
        principal.require(Scope.READ_WRITE);
        return transactions.inTransaction(() -> {
            EntityKind kind = command.targetType() == TargetType.POST ? EntityKind.POST : EntityKind.COMMENT;
            HiveAccess.Located target = visible(kind, command.targetId());
            access.requireNotBanned(target.hive(), principal);
            writer.write(target.hive(), new EventPayload.VoteCast(command.targetType(), command.targetId(),
                    principal.agent(), command.value()));
            String postId = kind == EntityKind.POST ? command.targetId()
                    : target.entity().created().get().string("post_id");
            HiveState view = state.postWithThread(target.hive().groupId(), target.hive().ownerInstanceId(), postId);
            return view.scores().getOrDefault(command.targetType().wire() + ":" + command.targetId(), 0);
        });
    }

    @Override
    public DecisionView recordDecision(Principal principal, RecordDecisionCommand command) {
        principal.require(Scope.READ_WRITE);
        return transactions.inTransaction(() -> {
            HiveRecord hive = access.hive(command.hiveName());
            access.requireNotBanned(hive, principal);
            EventPayload.DecisionRecorded decision = new EventPayload.DecisionRecorded(command.topic(), command.choice(),
                    command.text(), command.confidence(), command.category(), command.stakes(), principal.agent());
            // Recording the same decision again (say, a retried offline command) yields the decision already there.
            String id = state.entities(hive.groupId(), EntityKind.DECISION).stream()
                    .filter(d -> sameDecision(d, decision)).map(d -> d.key().id()).findFirst()
                    .orElseGet(() -> HiveRules.decisionId(writer.write(hive, decision)));
            return DecisionLinks.views(state.entities(hive.groupId(), EntityKind.DECISION),
                            state.entities(hive.groupId(), EntityKind.REVIEW)).stream()
                    .filter(d -> d.decisionId().equals(id)).findFirst().orElseThrow();
        });
    }

    @Override
    public void reviewConflict(Principal principal, ReviewConflictCommand command) {
        principal.require(Scope.READ_WRITE);
        transactions.inTransaction(() -> {
            for (HiveRecord hive : hives.all()) {
                List<Entity> decisions = state.entities(hive.groupId(), EntityKind.DECISION);
                Optional<Contradiction> found = DecisionLinks.contradictions(decisions,
                        state.entities(hive.groupId(), EntityKind.REVIEW)).stream()
                        .filter(c -> c.conflictId().equals(command.conflictId())).findFirst();
                if (found.isPresent()) {
                    Contradiction conflict = found.get();
                    if (!command.keepDecisionId().equals(conflict.decisionA())
                            && !command.keepDecisionId().equals(conflict.decisionB())) {
                        throw HivemeshException.invalid("keep_decision_id must be one of " + conflict.decisionA()
                                + " and " + conflict.decisionB());
                    }
                    return writer.write(hive, new EventPayload.DecisionReviewed(command.conflictId(),
                            command.keepDecisionId(), command.note() == null ? "" : command.note(), principal.agent()));
                }
            }
            throw HivemeshException.notFound("conflict", command.conflictId());
        });
    }

    private static boolean sameDecision(Entity recorded, EventPayload.DecisionRecorded decision) {
        JsonObject created = recorded.created().orElseThrow();
        JsonValue.Builder payload = JsonObject.builder();
        decision.toJson().members().keySet().forEach(k -> payload.put(k, created.required(k)));
        return payload.build().equals(decision.toJson());
    }

    private HiveAccess.Located visible(EntityKind kind, String id) {
        HiveAccess.Located located = access.locate(kind, id);
        if (located.entity().isDeleted()) {
            throw HivemeshException.notFound(kind.wire(), id);
        }
        return located;
    }

    private PostView postView(HiveRecord hive, String postId) {
        return state.postWithThread(hive.groupId(), hive.ownerInstanceId(), postId).post(postId).orElseThrow();
    }

    private CommentView commentView(HiveRecord hive, String postId, String commentId) {
        return find(state.postWithThread(hive.groupId(), hive.ownerInstanceId(), postId).thread(postId), commentId)
                .orElseThrow();
    }

    private static Optional<CommentView> find(List<CommentView> level, String commentId) {
        for (CommentView c : level) {
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
