package org.hivemesh.application.content.port.in;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.StateStore.FeedOrder;
import org.hivemesh.application.content.port.out.StateStore.FeedPage;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.hive.CommentView;
import org.hivemesh.domain.hive.Contradiction;
import org.hivemesh.domain.hive.DecisionView;
import org.hivemesh.domain.hive.PostView;

/** Reading hives and their content (scope {@code read}). */
public interface ReadUseCases {
    List<HiveSummary> hives(Principal principal);

    HiveSummary hive(Principal principal, String name);

    FeedPage feed(Principal principal, String hiveName, FeedOrder order, int limit, Optional<String> cursor);

    PostWithThread post(Principal principal, String postId);

    List<DecisionView> decisions(Principal principal, String hiveName);

    List<Contradiction> conflicts(Principal principal, String hiveName, boolean includeResolved);

    /**
     * What a stored event of the hive is about, as it reads now: the post or comment it wrote, edited or voted on,
     * the decision it recorded, the contradiction a review resolved, or the hive whose settings, members or
     * moderators it changed. Empty when that is gone (a deleted post) or not here yet (an edit synced before its post).
     */
    Optional<Changed> changed(Principal principal, String hiveName, Event event);

    /** One of the views the API shows; the kind names it. */
    sealed interface Changed {
        record Post(PostView post) implements Changed {
        }

        record Comment(CommentView comment) implements Changed {
        }

        record Decision(DecisionView decision) implements Changed {
        }

        record Conflict(Contradiction conflict) implements Changed {
        }

        record Hive(HiveSummary hive) implements Changed {
        }
    }

    record HiveSummary(HiveRecord hive, Map<String, JsonValue> settings, Map<String, String> members,
                       List<String> moderators, long eventCount, String stateDigest) {
    }

    record PostWithThread(String hiveName, PostView post, List<CommentView> comments) {
    }
}
