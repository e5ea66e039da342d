package org.hivemesh.domain.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.EventPayload.MembershipAction;
import org.hivemesh.domain.event.EventPayload.ModeratorAction;
import org.hivemesh.domain.event.EventPayload.Stakes;
import org.hivemesh.domain.event.EventPayload.TargetType;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.hive.Contradiction;
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

    private final String group;

    private HistoryGenerator(long seed, String group) {
        this.random = new Random(seed);
        this.group = group;
    }

    public static String owner() {
        return "inst_a";
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
            Hlc hlc = clocks.get(o).send(now + skews.get(o));
            clocks.set(o, hlc);
            Event event = Events.event(group, origins.get(o), hlc, payload(o));
            remember(event);
            events.add(event);
        }
        return events;
    }

    private AgentRef agent(int origin) {
        return new AgentRef(origins.get(origin), "agt_" + random.nextInt(3), "agent" + random.nextInt(2));
    }

    private <T> Optional<T> pick(List<T> from) {
        return from.isEmpty() ? Optional.empty() : Optional.of(from.get(random.nextInt(from.size())));
    }

    private EventPayload payload(int o) {
        AgentRef who = agent(o);
        int kind = random.nextInt(14);
        switch (kind) {
            case 0, 1:
                return new EventPayload.PostCreated("title " + random.nextInt(5), maybe("body"), maybe("https://x.test"), who);
            case 2:
                if (!posts.isEmpty()) {
                    return new EventPayload.PostUpdated(pick(posts).get(), maybe("t"), maybe("c"), Optional.of("u" + random.nextInt(3)), who);
                }
                break;
            case 3:
                if (!posts.isEmpty()) {
                    return new EventPayload.PostDeleted(pick(posts).get(), who, maybe("spam"));
                }
                break;
            case 4, 5:
                if (!posts.isEmpty()) {
                    return new EventPayload.CommentCreated(pick(posts).get(), random.nextBoolean() ? pick(comments) : Optional.empty(),
                            "comment " + random.nextInt(4), who);
                }
                break;
            case 6:
                if (!comments.isEmpty()) {
                    return random.nextBoolean()
                            ? new EventPayload.CommentUpdated(pick(comments).get(), "edited " + random.nextInt(3), who)
                            : new EventPayload.CommentDeleted(pick(comments).get(), who, Optional.empty());
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
                        JsonValue.of("v" + random.nextInt(4)), who);
            case 10:
                return new EventPayload.MembershipChanged(agent(random.nextInt(origins.size())),
                        MembershipAction.values()[random.nextInt(4)], who);
            case 11:
                return new EventPayload.ModeratorChanged(agent(random.nextInt(origins.size())),
                        ModeratorAction.values()[random.nextInt(2)], who);
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
            case POST_CREATED -> posts.add(HiveRules.postId(event));
            case COMMENT_CREATED -> comments.add(HiveRules.commentId(event));
            case DECISION_RECORDED -> decisions.add(HiveRules.decisionId(event));
            default -> {
            }
        }
    }
}
