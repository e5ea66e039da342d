package org.hivemesh.application.content;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.agents.port.in.Scope;
import org.hivemesh.application.content.port.in.ContentUseCases;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.event.TargetType;
import org.hivemesh.domain.hive.CommentView;
import org.hivemesh.domain.hive.Contradiction;
import org.hivemesh.domain.hive.DecisionLinks;
import org.hivemesh.domain.hive.DecisionView;
import org.hivemesh.domain.hive.Entity;
import org.hivemesh.domain.hive.EntityKey;
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

    @Inject
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
        // Looked up, built and signed before the transaction: the shared commit only stores.
        HiveRecord hive = access.hive(command.hiveName());
        Event event = writer.prepare(hive, new EventPayload.PostCreated(command.title(), command.content(),
                command.url(), principal.agent()));
        writer.commit(hive, event);
        // Its ID derives from this event, so no other event touched the post yet: the event alone is its state,
        // and with no comments or votes its whole view.
        return PostView.of(HiveRules.apply(Optional.empty(), event, hive.ownerInstanceId()), 0, 0).orElseThrow();
    }

    @Override
    public PostView editPost(Principal principal, EditPostCommand command) {
        principal.require(Scope.READ_WRITE);
        return transactions.inTransaction(() -> {
            HiveAccess.Located post = visible(EntityKind.POST, command.postId());
            String postId = post.entity().key().id();
            writer.write(post.hive(), new EventPayload.PostUpdated(postId, command.title(), command.content(),
                    command.url(), principal.agent()));
            return postView(post.hive(), postId);
        });
    }

    @Override
    public void deletePost(Principal principal, String postId) {
        principal.require(Scope.READ_WRITE);
        transactions.inTransaction(() -> {
            HiveAccess.Located post = visible(EntityKind.POST, postId);
            return writer.write(post.hive(), new EventPayload.PostDeleted(post.entity().key().id(), principal.agent(),
                    Optional.empty()));
        });
    }

    @Override
    public CommentView comment(Principal principal, CommentCommand command) {
        principal.require(Scope.READ_WRITE);
        HiveAccess.Located post = visible(EntityKind.POST, command.postId());
        String postId = post.entity().key().id();
        Optional<String> parent = command.parentCommentId().map(given -> {
            HiveAccess.Located parentComment = access.locate(EntityKind.COMMENT, given);
            if (!parentComment.entity().created().orElseThrow().string("post_id").equals(postId)) {
                throw HivemeshException.invalid("parent comment '" + given + "' belongs to another post");
            }
            return parentComment.entity().key().id();
        });
        Event event = writer.prepare(post.hive(), new EventPayload.CommentCreated(postId, parent, command.content(),
                principal.agent()));
        writer.commit(post.hive(), event);
        return commentView(post.hive(), postId, HiveRules.commentId(event));
    }

    @Override
    public CommentView editComment(Principal principal, EditCommentCommand command) {
        principal.require(Scope.READ_WRITE);
        return transactions.inTransaction(() -> {
            HiveAccess.Located comment = visible(EntityKind.COMMENT, command.commentId());
            String commentId = comment.entity().key().id();
            writer.write(comment.hive(), new EventPayload.CommentUpdated(commentId, command.content(), principal.agent()));
            return commentView(comment.hive(), comment.entity().created().get().string("post_id"), commentId);
        });
    }

    @Override
    public void deleteComment(Principal principal, String commentId) {
        principal.require(Scope.READ_WRITE);
        transactions.inTransaction(() -> {
            HiveAccess.Located comment = visible(EntityKind.COMMENT, commentId);
            return writer.write(comment.hive(), new EventPayload.CommentDeleted(comment.entity().key().id(), principal.agent(),
                    Optional.empty()));
        });
    }

    @Override
    public int vote(Principal principal, VoteCommand command) {
        principal.require(Scope.READ_WRITE);
        EntityKind kind = command.targetType() == TargetType.POST ? EntityKind.POST : EntityKind.COMMENT;
        HiveAccess.Located target = visible(kind, command.targetId());
        String targetId = target.entity().key().id();
        Event event = writer.prepare(target.hive(), new EventPayload.VoteCast(command.targetType(), targetId,
                principal.agent(), command.value()));
        writer.commit(target.hive(), event);
        String postId = kind == EntityKind.POST ? targetId : target.entity().created().get().string("post_id");
        HiveState view = state.postWithThread(target.hive().groupId(), postId);
        return view.scores().getOrDefault(command.targetType().wire() + ":" + targetId, 0);
    }

    @Override
    public DecisionView recordDecision(Principal principal, RecordDecisionCommand command) {
        principal.require(Scope.READ_WRITE);
        return transactions.inTransaction(() -> {
            HiveRecord hive = access.hive(command.hiveName());
            EventPayload.DecisionRecorded decision = new EventPayload.DecisionRecorded(command.topic(), command.choice(),
                    command.text(), command.confidence(), command.category(), command.stakes(), principal.agent());
            // Recording the same decision again (say, a retried offline command) yields the decision already there.
            String id = state.decisionsOnTopic(hive.groupId(), command.topic()).stream()
                    .filter(d -> sameDecision(d, decision)).map(d -> d.key().id()).findFirst()
                    .orElseGet(() -> HiveRules.decisionId(writer.write(hive, decision)));
            return TopicDecisions.of(state, hive.groupId(), command.topic()).views().stream()
                    .filter(d -> d.decisionId().equals(id)).findFirst().orElseThrow();
        });
    }

    @Override
    public void reviewConflict(Principal principal, ReviewConflictCommand command) {
        principal.require(Scope.READ_WRITE);
        transactions.inTransaction(() -> {
            List<Contradiction> matches = new ArrayList<>();
            HiveRecord home = null;
            for (HiveRecord hive : hives.all()) {
                List<Contradiction> found = DecisionLinks.contradictions(state.entities(hive.groupId(), EntityKind.DECISION),
                                state.entities(hive.groupId(), EntityKind.REVIEW)).stream()
                        .filter(c -> matchesId(c.conflictId(), command.conflictId())).toList();
                if (!found.isEmpty()) {
                    home = hive;
                }
                matches.addAll(found);
            }
            if (matches.size() > 1) {
                throw HivemeshException.conflict("ambiguous_id", "'" + command.conflictId() + "' matches more than one conflict");
            }
            if (matches.size() == 1) {
                Contradiction conflict = matches.get(0);
                String keep = matchesId(conflict.decisionA(), command.keepDecisionId()) ? conflict.decisionA()
                        : matchesId(conflict.decisionB(), command.keepDecisionId()) ? conflict.decisionB() : null;
                if (keep == null) {
                    throw HivemeshException.invalid("keep_decision_id must be one of " + conflict.decisionA()
                            + " and " + conflict.decisionB());
                }
                return writer.write(home, new EventPayload.DecisionReviewed(conflict.conflictId(), keep,
                        command.note() == null ? "" : command.note(), principal.agent()));
            }
            throw HivemeshException.notFound("conflict", command.conflictId());
        });
    }

    /** A full ID, or a prefix with at least 8 hex digits after the underscore. */
    private static boolean matchesId(String full, String given) {
        int underscore = given == null ? -1 : given.indexOf('_');
        return full.equals(given) || (underscore > 0 && given.length() - underscore - 1 >= HiveAccess.MIN_PREFIX_HEX
                && full.startsWith(given));
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
        return state.postWithThread(hive.groupId(), postId).post(postId).orElseThrow();
    }

    private CommentView commentView(HiveRecord hive, String postId, String commentId) {
        return CommentView.find(state.postWithThread(hive.groupId(), postId).thread(postId), commentId)
                .orElseThrow();
    }
}
