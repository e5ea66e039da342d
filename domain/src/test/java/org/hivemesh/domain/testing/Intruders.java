package org.hivemesh.domain.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.EventType;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.MembershipAction;
import org.hivemesh.domain.event.ModeratorAction;
import org.hivemesh.domain.event.TargetType;
import org.hivemesh.domain.hive.HiveRules;

/**
 * Events a hostile member might sign, none of which has authority: a stranger ({@code agt_stranger}, never granted
 * anything) editing and deleting others' content, changing settings, granting itself moderation, banning people
 * and the owner, joining for others, and events whose acting agent belongs to another instance than the origin.
 */
public final class Intruders {
    public static final String STRANGER = "agt_stranger";

    private Intruders() {
    }

    public static List<Event> against(List<Event> history, long seed, int count) {
        Random random = new Random(seed);
        List<String> posts = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        for (Event e : history) {
            if (e.type() == EventType.POST_CREATED) {
                posts.add(HiveRules.postId(e));
            } else if (e.type() == EventType.COMMENT_CREATED) {
                comments.add(HiveRules.commentId(e));
            }
        }
        String origin = "inst_z";
        AgentRef stranger = new AgentRef(origin, STRANGER, "mallory");
        AgentRef victim = new AgentRef("inst_b", "agt_1", "victim");
        AgentRef owner = new AgentRef(HistoryGenerator.owner().instanceId(), HistoryGenerator.owner().agentId(), "owner");
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Hlc hlc = new Hlc(1_764_000_000_000L + random.nextInt(400_000), random.nextInt(3));
            String post = posts.isEmpty() ? "post_" + "0".repeat(64) : posts.get(random.nextInt(posts.size()));
            String comment = comments.isEmpty() ? "cmt_" + "0".repeat(64) : comments.get(random.nextInt(comments.size()));
            EventPayload payload = switch (random.nextInt(10)) {
                case 0 -> new EventPayload.PostUpdated(post, Optional.of("defaced " + i), Optional.empty(), Optional.empty(), stranger);
                case 1 -> new EventPayload.PostDeleted(post, stranger, Optional.of("gone"));
                case 2 -> new EventPayload.CommentUpdated(comment, "defaced " + i, stranger);
                case 3 -> new EventPayload.CommentDeleted(comment, stranger, Optional.empty());
                case 4 -> new EventPayload.HiveSettingChanged("rules", JsonValue.of("anything goes " + i), stranger);
                case 5 -> new EventPayload.ModeratorChanged(stranger, ModeratorAction.ADD, stranger);
                case 6 -> new EventPayload.MembershipChanged(random.nextBoolean() ? owner : victim, MembershipAction.BAN, stranger);
                case 7 -> new EventPayload.MembershipChanged(victim, MembershipAction.LEAVE, stranger);
                case 8 -> new EventPayload.PostCreated("forged " + i, Optional.empty(), Optional.empty(), victim);
                default -> new EventPayload.VoteCast(TargetType.POST, post, victim, 1);
            };
            out.add(Events.event(origin, hlc, payload));
        }
        return out;
    }
}
