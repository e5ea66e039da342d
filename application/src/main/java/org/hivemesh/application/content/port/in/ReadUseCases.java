package org.hivemesh.application.content.port.in;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.StateStore.FeedOrder;
import org.hivemesh.application.content.port.out.StateStore.FeedPage;
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

    record HiveSummary(HiveRecord hive, Map<String, JsonValue> settings, Map<String, String> members,
                       List<String> moderators, long eventCount, String stateDigest) {
    }

    record PostWithThread(String hiveName, PostView post, List<CommentView> comments) {
    }
}
