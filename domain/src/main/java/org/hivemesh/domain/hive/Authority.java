package org.hivemesh.domain.hive;

import java.util.Optional;
import org.hivemesh.domain.conflict.Stamp;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.EventPayload.CommentDeleted;
import org.hivemesh.domain.event.EventPayload.CommentUpdated;
import org.hivemesh.domain.event.EventPayload.HiveSettingChanged;
import org.hivemesh.domain.event.EventPayload.MembershipChanged;
import org.hivemesh.domain.event.EventPayload.ModeratorChanged;
import org.hivemesh.domain.event.EventPayload.PostDeleted;
import org.hivemesh.domain.event.EventPayload.PostUpdated;

/**
 * The authority rules of SPEC.md as pure functions, next to the conflict rules: a signed event proves who wrote
 * it, these say whether it may take effect. The answer depends only on the event, the authority context (as of
 * the event's own stamp) and the entity it touches, so it is the same on every instance holding the same events.
 */
public final class Authority {
    private Authority() {
    }

    /** The acting agent must belong to the origin instance: checked at intake, where a failing event is refused. */
    public static Optional<AuthorityRule> originRefusal(Event event) {
        return event.payload().actor().instanceId().equals(event.origin()) ? Optional.empty()
                : Optional.of(AuthorityRule.AUTHOR_NOT_OF_ORIGIN);
    }

    /**
     * Why {@code event} has no effect, or empty if it takes effect. {@code target} is the entity the event touches
     * as materialized so far (its creation, if known, names the author).
     */
    public static Optional<AuthorityRule> refusal(Event event, AuthorityContext context, Optional<Entity> target) {
        Optional<AuthorityRule> origin = originRefusal(event);
        if (origin.isPresent()) {
            return origin;
        }
        EventPayload payload = event.payload();
        if (payload instanceof MembershipChanged || payload instanceof ModeratorChanged) {
            return context.governanceRefusal(event);
        }
        Stamp at = Stamp.of(event);
        AgentRef actor = payload.actor();
        if (context.isBanned(actor, at)) {
            return Optional.of(AuthorityRule.BANNED);
        }
        if (payload instanceof HiveSettingChanged) {
            return context.isModerator(actor, at) ? Optional.empty() : Optional.of(AuthorityRule.NOT_OWNER_OR_MODERATOR);
        }
        if (payload instanceof PostUpdated || payload instanceof PostDeleted || payload instanceof CommentUpdated
                || payload instanceof CommentDeleted) {
            Optional<AgentRef> author = target.flatMap(Entity::created).map(c -> AgentRef.fromJson(c.object("author")));
            if (author.isEmpty()) {
                return Optional.of(AuthorityRule.UNKNOWN_TARGET);
            }
            boolean isAuthor = author.get().key().equals(actor.key());
            return isAuthor || context.isModerator(actor, at) ? Optional.empty()
                    : Optional.of(AuthorityRule.NOT_AUTHOR_MODERATOR_OR_OWNER);
        }
        return Optional.empty();
    }

    /** Whether this event's effect depends on who may do what: membership and moderator changes. */
    public static boolean isGovernance(Event event) {
        return event.payload() instanceof MembershipChanged || event.payload() instanceof ModeratorChanged;
    }

    /** The agent a membership or moderator change is about. */
    public static String subject(Event event) {
        if (event.payload() instanceof MembershipChanged m) {
            return m.agent().key();
        }
        if (event.payload() instanceof ModeratorChanged m) {
            return m.agent().key();
        }
        throw new IllegalArgumentException(event.type().wireName() + " is not a membership or moderator change");
    }
}
