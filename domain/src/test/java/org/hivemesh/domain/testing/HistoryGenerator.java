package org.hivemesh.domain.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.MembershipAction;
import org.hivemesh.domain.event.ModeratorAction;
import org.hivemesh.domain.event.Stakes;
import org.hivemesh.domain.event.TargetType;
import org.hivemesh.domain.hive.Contradiction;
import org.hivemesh.domain.hive.HiveOwner;
import org.hivemesh.domain.hive.HiveRules;

/**
 * Random histories of one group written on 2-5 origins with skewed clocks: posts, edits, deletes,
 * comments, votes and vote removals, settings, membership, moderators, decisions and reviews.
 * Built from a seed so a failing case can be replayed.
 */
public final class HistoryGenerator {
    private final Random random;
    private final List<String> origins = new ArrayList<>();
    private final List<Long> skews = new ArrayList<>();
    private final List<Hlc> clocks = new ArrayList<>();
    private final List<String> posts = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final List<String> decisions = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final Map<String, AgentRef> authors = new HashMap<>();

    private final String group;

    private HistoryGenerator(long seed, String group) {
        this.random = new Random(seed);
        this.group = group;
    }

    /** The hive owner: an agent of instance a, which owns the group. */
    public static HiveOwner owner() {
        return new HiveOwner("inst_a", "agt_0");
    }

    public static List<Event> generate(long seed, int size) {
        return generate(seed, size, Events.GROUP);
    }

    public static List<Event> generate(long seed, int size, String group) {
        return new HistoryGenerator(seed, group).run(size);
    }

    private List<Event> run(int size) {
        int originCount = 2 + random.nextInt(4);
        for (int i = 0; i < originCount; i++) {
            origins.add("inst_" + (char) ('a' + i));
            skews.add((long) random.nextInt(2001) - 1000);
            clocks.add(Hlc.ZERO);
        }
        long now = 1_764_000_000_000L;
        for (int i = 0; i < size; i++) {
            now += random.nextInt(3) * 250L;
            int o = random.nextInt(originCount);
            EventPayload payload = payload(o);
            int actorOrigin = origins.indexOf(payload.actor().instanceId());
            Hlc hlc = clocks.get(actorOrigin).send(now + skews.get(actorOrigin));
            clocks.set(actorOrigin, hlc);
            Event event = Events.event(group, origins.get(actorOrigin), hlc, payload);
            remember(event);
            events.add(event);
        }
        return events;
    }

    private AgentRef agent(int origin) {
        return new AgentRef(origins.get(origin), "agt_" + random.nextInt(3), "agent" + random.nextInt(2));
    }

    /**
     * Who changes someone's content or the hive: often the author or the owner, so that authority is exercised both
     * ways; otherwise anyone, who usually lacks it. Agents act from their own instance, as intake guarantees.
     */
    private AgentRef editor(int origin, String entityId) {
        int roll = random.nextInt(4);
        AgentRef author = authors.get(entityId);
        if (roll == 0 && author != null) {
            return author;
        }
        if (roll == 1) {
            return ownerAgent();
        }
        return agent(origin);
    }

    private AgentRef ownerAgent() {
        return new AgentRef(owner().instanceId(), owner().agentId(), "owner");
    }

    private <T> Optional<T> pick(List<T> from) {
        return from.isEmpty() ? Optional.empty() : Optional.of(from.get(random.nextInt(from.size())));
    }

    private EventPayload payload(int o) {
        AgentRef who = agent(o);
        Optional<String> post = pick(posts);
        Optional<String> comment = pick(comments);
        int kind = random.nextInt(14);
        switch (kind) {
            case 0, 1:
                return new EventPayload.PostCreated("title " + random.nextInt(5), maybe("body"), maybe("https://x.test"), who);
            case 2:
                if (post.isPresent()) {
                    return new EventPayload.PostUpdated(post.get(), maybe("t"), maybe("c"), Optional.of("u" + random.nextInt(3)),
                            editor(o, post.get()));
                }
                break;
            case 3:
                if (post.isPresent()) {
                    return new EventPayload.PostDeleted(post.get(), editor(o, post.get()), maybe("spam"));
                }
                break;
            case 4, 5:
                if (!posts.isEmpty()) {
                    return new EventPayload.CommentCreated(pick(posts).get(), random.nextBoolean() ? pick(comments) : Optional.empty(),
                            "comment " + random.nextInt(4), who);
                }
                break;
            case 6:
                if (comment.isPresent()) {
                    return random.nextBoolean()
                            ? new EventPayload.CommentUpdated(comment.get(), "edited " + random.nextInt(3), editor(o, comment.get()))
                            : new EventPayload.CommentDeleted(comment.get(), editor(o, comment.get()), Optional.empty());
                }
                break;
            case 7, 8:
                if (!posts.isEmpty()) {
                    boolean onComment = random.nextBoolean() && !comments.isEmpty();
                    return new EventPayload.VoteCast(onComment ? TargetType.COMMENT : TargetType.POST,
                            onComment ? pick(comments).get() : pick(posts).get(), who, random.nextInt(3) - 1);
                }
                break;
            case 9:
                return new EventPayload.HiveSettingChanged(random.nextBoolean() ? "description" : "rules",
                        JsonValue.of("v" + random.nextInt(4)), editor(o, ""));
            case 10: {
                MembershipAction action = MembershipAction.values()[random.nextInt(4)];
                AgentRef subject = agent(random.nextInt(origins.size()));
                boolean self = action == MembershipAction.JOIN || action == MembershipAction.LEAVE;
                return new EventPayload.MembershipChanged(subject, action,
                        self && random.nextBoolean() && subject.instanceId().equals(origins.get(o)) ? subject : editor(o, ""));
            }
            case 11:
                return new EventPayload.ModeratorChanged(agent(random.nextInt(origins.size())),
                        ModeratorAction.values()[random.nextInt(2)], editor(o, ""));
            case 12:
                return new EventPayload.DecisionRecorded("topic" + random.nextInt(2), "choice" + random.nextInt(2),
                        "because", 0.5, "arch", Stakes.MEDIUM, who);
            default:
                if (decisions.size() >= 2) {
                    String a = pick(decisions).get();
                    String b = pick(decisions).get();
                    return new EventPayload.DecisionReviewed(Contradiction.idFor(a, b), a, "keep " + a.substring(0, 8), who);
                }
        }
        return new EventPayload.PostCreated("fallback", Optional.empty(), Optional.empty(), who);
    }

    private Optional<String> maybe(String text) {
        return random.nextBoolean() ? Optional.of(text + random.nextInt(3)) : Optional.empty();
    }

    private void remember(Event event) {
        switch (event.type()) {
            case POST_CREATED -> {
                posts.add(HiveRules.postId(event));
                authors.put(HiveRules.postId(event), event.payload().actor());
            }
            case COMMENT_CREATED -> {
                comments.add(HiveRules.commentId(event));
                authors.put(HiveRules.commentId(event), event.payload().actor());
            }
            case DECISION_RECORDED -> decisions.add(HiveRules.decisionId(event));
            default -> {
            }
        }
    }
}
