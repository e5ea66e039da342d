package org.hivemesh.application.content;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.agents.port.in.Scope;
import org.hivemesh.application.content.port.in.ReadUseCases;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveReads;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.content.port.out.StateStore.FeedOrder;
import org.hivemesh.application.content.port.out.StateStore.FeedPage;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
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

public final class ReadService implements ReadUseCases {
    public static final int MAX_PAGE = 100;

    private final HiveStore hives;
    private final HiveAccess access;
    private final StateStore state;
    private final EventStore events;

    private final HiveReads reads;

    @Inject
    public ReadService(HiveStore hives, HiveAccess access, StateStore state, EventStore events, HiveReads reads) {
        this.reads = reads;
        this.hives = hives;
        this.access = access;
        this.state = state;
        this.events = events;
    }

    @Override
    public List<HiveSummary> hives(Principal principal) {
        principal.require(Scope.READ);
        return hives.all().stream().map(this::summary).collect(Collectors.toList());
    }

    @Override
    public HiveSummary hive(Principal principal, String name) {
        principal.require(Scope.READ);
        HiveRecord hive = access.hive(name);
        reads.read(hive.groupId());
        return summary(hive);
    }

    private HiveSummary summary(HiveRecord hive) {
        String group = hive.groupId();
        List<Entity> claims = new ArrayList<>();
        for (EntityKind kind : List.of(EntityKind.SETTING, EntityKind.MEMBER, EntityKind.MODERATOR)) {
            claims.addAll(state.entities(group, kind));
        }
        HiveState view = HiveState.of(claims);
        return new HiveSummary(hive, view.settings(), view.members(), view.moderators(), events.count(group),
                state.stateDigest(group));
    }

    @Override
    public FeedPage feed(Principal principal, String hiveName, FeedOrder order, int limit, Optional<String> cursor) {
        principal.require(Scope.READ);
        if (limit < 1 || limit > MAX_PAGE) {
            throw HivemeshException.invalid("limit must be between 1 and " + MAX_PAGE);
        }
        String group = access.hive(hiveName).groupId();
        reads.read(group);
        return state.feed(group, order, limit, cursor);
    }

    @Override
    public PostWithThread post(Principal principal, String postId) {
        principal.require(Scope.READ);
        HiveAccess.Located located = access.locate(EntityKind.POST, postId);
        reads.read(located.hive().groupId());
        String id = located.entity().key().id();
        HiveState view = state.postWithThread(located.hive().groupId(), id);
        return view.post(id)
                .map(p -> new PostWithThread(located.hive().name(), p, view.thread(id)))
                .orElseThrow(() -> HivemeshException.notFound("post", postId));
    }

    @Override
    public List<DecisionView> decisions(Principal principal, String hiveName) {
        principal.require(Scope.READ);
        return decisions(access.hive(hiveName).groupId());
    }

    private List<DecisionView> decisions(String group) {
        return DecisionLinks.views(state.entities(group, EntityKind.DECISION), state.entities(group, EntityKind.REVIEW));
    }

    @Override
    public List<Contradiction> conflicts(Principal principal, String hiveName, boolean includeResolved) {
        principal.require(Scope.READ);
        return contradictions(access.hive(hiveName).groupId()).stream()
                .filter(c -> includeResolved || !c.resolved())
                .collect(Collectors.toList());
    }

    private List<Contradiction> contradictions(String group) {
        return DecisionLinks.contradictions(state.entities(group, EntityKind.DECISION),
                state.entities(group, EntityKind.REVIEW));
    }

    @Override
    public Optional<Changed> changed(Principal principal, String hiveName, Event event) {
        principal.require(Scope.READ);
        HiveRecord hive = access.hive(hiveName);
        String group = hive.groupId();
        try {
            EventPayload payload = event.payload();
            return switch (event.type()) {
                case POST_CREATED -> post(group, HiveRules.postId(event));
                case POST_UPDATED -> post(group, ((EventPayload.PostUpdated) payload).postId());
                case POST_DELETED -> post(group, ((EventPayload.PostDeleted) payload).postId());
                case COMMENT_CREATED -> comment(group, ((EventPayload.CommentCreated) payload).postId(),
                        HiveRules.commentId(event));
                case COMMENT_UPDATED -> comment(group, ((EventPayload.CommentUpdated) payload).commentId());
                case COMMENT_DELETED -> comment(group, ((EventPayload.CommentDeleted) payload).commentId());
                case VOTE_CAST -> {
                    EventPayload.VoteCast vote = (EventPayload.VoteCast) payload;
                    yield vote.targetType() == TargetType.POST ? post(group, vote.targetId())
                            : comment(group, vote.targetId());
                }
                case DECISION_RECORDED -> TopicDecisions.of(state, group, ((EventPayload.DecisionRecorded) payload).topic())
                        .views().stream().filter(view -> view.decisionId().equals(HiveRules.decisionId(event)))
                        .findFirst().map(Changed.Decision::new);
                case DECISION_REVIEWED -> reviewed(group, (EventPayload.DecisionReviewed) payload);
                case HIVE_SETTING_CHANGED, MEMBERSHIP_CHANGED, MODERATOR_CHANGED, ROSTER_CHANGED, OWNER_TRANSFERRED,
                     OWNER_SUCCESSION_CLAIMED ->
                        Optional.of(new Changed.Hive(summary(hive)));
            };
        } catch (HivemeshException notHereYet) {
            return Optional.empty();
        }
    }

    /**
     * The conflict a review is about, found through the topic of the decision it keeps; a review that keeps neither
     * of its conflict's decisions (nothing checks that a peer's does) is looked for among all of the group's.
     */
    private Optional<Changed> reviewed(String group, EventPayload.DecisionReviewed review) {
        Optional<Contradiction> onTopic = state.entity(group, new EntityKey(EntityKind.DECISION, review.keepDecisionId()))
                .flatMap(Entity::created)
                .flatMap(kept -> TopicDecisions.of(state, group, kept.string("topic")).contradictions().stream()
                        .filter(c -> c.conflictId().equals(review.conflictId())).findFirst());
        return onTopic.or(() -> contradictions(group).stream().filter(c -> c.conflictId().equals(review.conflictId()))
                .findFirst()).map(Changed.Conflict::new);
    }

    private Optional<Changed> post(String group, String postId) {
        return state.postWithThread(group, postId).post(postId).map(Changed.Post::new);
    }

    private Optional<Changed> comment(String group, String commentId) {
        Entity comment = access.locate(EntityKind.COMMENT, commentId).entity();
        return comment.created().flatMap(created -> comment(group, created.string("post_id"), commentId));
    }

    private Optional<Changed> comment(String group, String postId, String commentId) {
        return CommentView.find(state.postWithThread(group, postId).thread(postId), commentId)
                .map(Changed.Comment::new);
    }
}
