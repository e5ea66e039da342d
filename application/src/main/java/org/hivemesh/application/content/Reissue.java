package org.hivemesh.application.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.EventPayload.CommentCreated;
import org.hivemesh.domain.event.EventPayload.CommentDeleted;
import org.hivemesh.domain.event.EventPayload.CommentUpdated;
import org.hivemesh.domain.event.EventPayload.DecisionRecorded;
import org.hivemesh.domain.event.EventPayload.DecisionReviewed;
import org.hivemesh.domain.event.EventPayload.HiveSettingChanged;
import org.hivemesh.domain.event.EventPayload.MembershipChanged;
import org.hivemesh.domain.event.EventPayload.ModeratorChanged;
import org.hivemesh.domain.event.EventPayload.PostCreated;
import org.hivemesh.domain.event.EventPayload.PostDeleted;
import org.hivemesh.domain.event.EventPayload.PostUpdated;
import org.hivemesh.domain.event.EventPayload.VoteCast;
import org.hivemesh.domain.event.EventType;
import org.hivemesh.domain.event.OwnerSuccessionClaimed;
import org.hivemesh.domain.event.OwnerTransferred;
import org.hivemesh.domain.event.RosterChanged;
import org.hivemesh.domain.event.UnsignedEvent;
import org.hivemesh.domain.hive.Contradiction;
import org.hivemesh.domain.hive.HiveRules;

/**
 * Re-issues a lineage's events into another group: a fork with a new lineage (liberation), or the adoption of an
 * independently created hive's history into this one. Post, comment and decision IDs derive from the events that
 * created them, so every reference is rewritten to the new IDs; creations are re-issued before what refers to them,
 * and every event keeps its HLC so last-writer-wins decides as before. Re-issuing the same log again gives the same
 * events, so a repeated adoption stores nothing new.
 *
 * <p>This instance signs every re-issued event, and an event may only act for an agent of its origin, so an
 * agent of another instance is carried over as a stand-in of this instance with the same agent ID and name.
 * Every agent keeps one identity, so authorship, moderators, bans and the owner mean what they did.
 *
 * <p>A creation whose content the target group already holds (same author agent; a decision's topic, choice and
 * text; a post's title, content and URL; a comment's post, parent and content) is not re-issued: references to it
 * point at what is already there.
 */
public final class Reissue {
    private final String newGroup;
    private final String origin;
    private final Map<String, String> ids = new HashMap<>();
    private final Map<String, String> existing = new HashMap<>();
    private int duplicates;

    /** What a re-issue produced: the events to sign, and how many creations were already there by content. */
    public record Result(List<UnsignedEvent> events, int duplicates) {
        public Result {
            events = List.copyOf(events);
        }
    }

    /** {@code target}: the events already in the group re-issued into, whose creations count as already there. */
    public Reissue(String newGroup, String origin, List<Event> target) {
        this.newGroup = newGroup;
        this.origin = origin;
        for (Event e : target) {
            contentKey(e.payload()).ifPresent(key -> existing.putIfAbsent(key, idOfCreation(e)));
        }
    }

    /** The unsigned events, in an order where every reference is already known. */
    public Result of(List<Event> log) {
        List<UnsignedEvent> out = new ArrayList<>();
        List<Event> sorted = new ArrayList<>(log);
        sorted.sort(Comparator.comparing(Event::hlc).thenComparing(Event::id));
        for (Event e : sorted) {
            if (e.type() == EventType.POST_CREATED) {
                PostCreated p = (PostCreated) e.payload();
                out.add(reissue(e, new PostCreated(p.title(), p.content(), p.url(), standIn(p.author())), HiveRules::postId));
            }
        }
        List<Event> comments = new ArrayList<>(sorted.stream().filter(e -> e.type() == EventType.COMMENT_CREATED).toList());
        // Replies wait for their parent; a reply whose parent never existed here still gets re-issued at the end.
        boolean progress = true;
        while (!comments.isEmpty() && progress) {
            progress = false;
            for (var it = comments.iterator(); it.hasNext(); ) {
                Event e = it.next();
                CommentCreated c = (CommentCreated) e.payload();
                if (c.parentCommentId().isEmpty() || ids.containsKey(c.parentCommentId().get())
                        || comments.stream().noneMatch(o -> HiveRules.commentId(o).equals(c.parentCommentId().get()))) {
                    out.add(reissue(e, new CommentCreated(map(c.postId()), c.parentCommentId().map(this::map), c.content(),
                            standIn(c.author())), HiveRules::commentId));
                    it.remove();
                    progress = true;
                }
            }
        }
        for (Event e : sorted) {
            if (e.type() == EventType.DECISION_RECORDED) {
                DecisionRecorded d = (DecisionRecorded) e.payload();
                out.add(reissue(e, new DecisionRecorded(d.topic(), d.choice(), d.text(), d.confidence(), d.category(),
                        d.stakes(), standIn(d.author())), HiveRules::decisionId));
            }
        }
        for (Event e : sorted) {
            Optional<EventPayload> rewritten = rewrite(e.payload());
            rewritten.ifPresent(p -> out.add(new UnsignedEvent(newGroup, origin, e.hlc(), p)));
        }
        return new Result(out.stream().filter(Objects::nonNull).toList(), duplicates);
    }

    /** The re-issued creation, or null when the target already holds its content (then it maps to that). */
    private UnsignedEvent reissue(Event old, EventPayload payload, Function<Event, String> idOf) {
        Optional<String> already = contentKey(payload).map(existing::get);
        if (already.isPresent()) {
            ids.put(idOf.apply(old), already.get());
            duplicates++;
            return null;
        }
        UnsignedEvent fresh = new UnsignedEvent(newGroup, origin, old.hlc(), payload);
        Event placeholder = fresh.signedWith("0".repeat(128));
        ids.put(idOf.apply(old), idOf.apply(placeholder));
        return fresh;
    }

    /** What makes two creations one: their author agent and content, references as in the target group. */
    private static Optional<String> contentKey(EventPayload p) {
        if (p instanceof DecisionRecorded d) {
            return Optional.of(String.join("\u0000", "decision", d.author().agentId(), d.topic(), d.choice(), d.text()));
        } else if (p instanceof PostCreated c) {
            return Optional.of(String.join("\u0000", "post", c.author().agentId(), c.title(), c.content().orElse(""),
                    c.url().orElse("")));
        } else if (p instanceof CommentCreated c) {
            return Optional.of(String.join("\u0000", "comment", c.author().agentId(), c.postId(),
                    c.parentCommentId().orElse(""), c.content()));
        }
        return Optional.empty();
    }

    private static String idOfCreation(Event e) {
        EventPayload p = e.payload();
        return p instanceof DecisionRecorded ? HiveRules.decisionId(e)
                : p instanceof PostCreated ? HiveRules.postId(e) : HiveRules.commentId(e);
    }

    private String map(String id) {
        return ids.getOrDefault(id, id);
    }

    /**
     * Everything but creations, with references rewritten; creations were re-issued already. Roster and ownership
     * events stay with their group: the target has a roster of its own.
     */
    private Optional<EventPayload> rewrite(EventPayload p) {
        if (p instanceof PostCreated || p instanceof CommentCreated || p instanceof DecisionRecorded
                || p instanceof RosterChanged || p instanceof OwnerTransferred || p instanceof OwnerSuccessionClaimed) {
            return Optional.empty();
        } else if (p instanceof PostUpdated u) {
            return Optional.of(new PostUpdated(map(u.postId()), u.title(), u.content(), u.url(), standIn(u.updatedBy())));
        } else if (p instanceof PostDeleted d) {
            return Optional.of(new PostDeleted(map(d.postId()), standIn(d.deletedBy()), d.reason()));
        } else if (p instanceof CommentUpdated u) {
            return Optional.of(new CommentUpdated(map(u.commentId()), u.content(), standIn(u.updatedBy())));
        } else if (p instanceof CommentDeleted d) {
            return Optional.of(new CommentDeleted(map(d.commentId()), standIn(d.deletedBy()), d.reason()));
        } else if (p instanceof VoteCast v) {
            return Optional.of(new VoteCast(v.targetType(), map(v.targetId()), standIn(v.voter()), v.value()));
        } else if (p instanceof DecisionReviewed r) {
            return Optional.of(new DecisionReviewed(conflictId(r.conflictId()), map(r.keepDecisionId()), r.note(),
                    standIn(r.reviewer())));
        } else if (p instanceof HiveSettingChanged s) {
            return Optional.of(new HiveSettingChanged(s.key(), s.value(), standIn(s.changedBy())));
        } else if (p instanceof MembershipChanged m) {
            return Optional.of(new MembershipChanged(standIn(m.agent()), m.action(), standIn(m.by())));
        } else if (p instanceof ModeratorChanged m) {
            return Optional.of(new ModeratorChanged(standIn(m.agent()), m.action(), standIn(m.by())));
        }
        throw new IllegalStateException("unhandled payload " + p.type());
    }

    /** An agent of another instance, as this instance's stand-in for it in the fork. */
    private AgentRef standIn(AgentRef agent) {
        return agent.instanceId().equals(origin) ? agent : new AgentRef(origin, agent.agentId(), agent.name());
    }

    /** A conflict ID derives from its two decisions; the new one derives from their new IDs. */
    private String conflictId(String old) {
        List<String> decisions = ids.keySet().stream().filter(k -> k.startsWith("dec_")).toList();
        for (int i = 0; i < decisions.size(); i++) {
            for (int j = i + 1; j < decisions.size(); j++) {
                if (Contradiction.idFor(decisions.get(i), decisions.get(j)).equals(old)) {
                    return Contradiction.idFor(map(decisions.get(i)), map(decisions.get(j)));
                }
            }
        }
        return old;
    }
}
