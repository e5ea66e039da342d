package org.hivemesh.domain.consent;

import java.util.List;
import org.hivemesh.domain.event.Event;

/** What a merge plan would merge. */
public sealed interface MergeKind {
    /** The instance the merge is with: the joiner, or the peer whose events are held. */
    String peerInstanceId();

    String wire();

    /** A newcomer asks to join the group; the owner opened the plan. */
    record Join(String peerInstanceId) implements MergeKind {
        @Override
        public String wire() {
            return "join";
        }
    }

    /** Content from a peer that fired an oversight trigger, held here until the plan is decided. */
    record ContentMerge(String peerInstanceId, List<Event> held) implements MergeKind {
        public ContentMerge {
            held = List.copyOf(held);
        }

        @Override
        public String wire() {
            return "merge";
        }
    }

    /** This member's copy of a join plan that {@code proposedBy}, the group's owner, opened and sent here. */
    record Remote(String peerInstanceId, String proposedBy) implements MergeKind {
        @Override
        public String wire() {
            return "remote";
        }
    }
}
