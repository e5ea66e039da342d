package org.hivemesh.application.port.out;

import java.util.List;
import java.util.Optional;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.hive.Entity;
import org.hivemesh.domain.hive.EntityKey;
import org.hivemesh.domain.hive.EntityKind;
import org.hivemesh.domain.hive.HiveState;
import org.hivemesh.domain.hive.PostView;

/** The materialized state of every group, kept up to date event by event. */
public interface StateStore {
    /** Applies events through the domain rules; call inside the transaction that appended them. */
    void apply(String group, String ownerInstanceId, List<Event> events);

    Optional<Entity> entity(String group, EntityKey key);

    /** The group an entity (post, comment, decision, ...) lives in, if any. */
    Optional<String> groupOf(EntityKind kind, String id);

    List<Entity> entities(String group, EntityKind kind);

    /** Up to {@code limit} IDs of this kind starting with {@code prefix}, in any group. */
    List<String> idsWithPrefix(EntityKind kind, String prefix, int limit);

    /** Visible posts in feed order. {@code afterPosition} is the cursor of the last page, if any. */
    FeedPage feed(String group, FeedOrder order, int limit, Optional<String> afterPosition);

    /** The post with its comments and votes, enough to build its view and thread. */
    HiveState postWithThread(String group, String ownerInstanceId, String postId);

    String stateDigest(String group);

    enum FeedOrder { NEW, TOP }

    record FeedPage(List<PostView> posts, Optional<String> nextPosition) {
    }
}
