package org.hivemesh.application.content.port.out;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.hive.AuthorityRule;
import org.hivemesh.domain.hive.Entity;
import org.hivemesh.domain.hive.EntityKey;
import org.hivemesh.domain.hive.EntityKind;
import org.hivemesh.domain.hive.HiveOwner;
import org.hivemesh.domain.hive.HiveState;
import org.hivemesh.domain.hive.PostView;
import org.hivemesh.domain.hive.Refusal;

/** The materialized state of every group, kept up to date event by event. */
public interface StateStore {
    /**
     * Materializes new events through the conflict and authority rules; call inside the transaction that appended
     * them. Returns the new events that have no effect, each with the rule that refused it.
     */
    List<Refusal> apply(String group, HiveOwner owner, List<Event> events);

    /** Whether this new event would have no effect on the stored state, and by which rule. */
    default Optional<AuthorityRule> refusalOf(String group, HiveOwner owner, Event event) {
        return refusalsOf(group, owner, List.of(event)).get(0);
    }

    /**
     * For each of some new events, in order, whether it would have no effect on the stored state and the events
     * before it that would have effect: what asking {@link #refusalOf} gives if each event that takes effect is
     * stored before the next is asked.
     */
    List<Optional<AuthorityRule>> refusalsOf(String group, HiveOwner owner, List<Event> events);

    /** Events of the group that have no effect, newest first, with the rule that refused each. */
    List<RefusedEvent> refused(String group, int limit);

    int refusedCount(String group);

    Optional<Entity> entity(String group, EntityKey key);

    /** The group an entity (post, comment, decision, ...) lives in, if any. */
    Optional<String> groupOf(EntityKind kind, String id);

    List<Entity> entities(String group, EntityKind kind);

    /** The entities of this kind with these IDs that the group holds, in ID order. */
    List<Entity> entities(String group, EntityKind kind, Collection<String> ids);

    /** The recorded decisions on one topic, in ID order: the only ones a decision of that topic links to. */
    List<Entity> decisionsOnTopic(String group, String topic);

    /** Up to {@code limit} IDs of this kind starting with {@code prefix}, in any group. */
    List<String> idsWithPrefix(EntityKind kind, String prefix, int limit);

    /** Visible posts in feed order. {@code afterPosition} is the cursor of the last page, if any. */
    FeedPage feed(String group, FeedOrder order, int limit, Optional<String> afterPosition);

    /** The post with its comments and votes, enough to build its view and thread. */
    HiveState postWithThread(String group, String postId);

    String stateDigest(String group);

    enum FeedOrder { NEW, TOP }

    record RefusedEvent(Event event, AuthorityRule rule) {
    }

    record FeedPage(List<PostView> posts, Optional<String> nextPosition) {
    }
}
