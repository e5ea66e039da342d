package org.hivemesh.domain.conflict;

import java.util.Optional;

/** Last-writer-wins by (HLC, event ID): content edits per field, votes per (voter, target), reviews. */
public final class Lww {
    private Lww() {
    }

    public static Register merge(Optional<Register> current, Register incoming) {
        return current.filter(c -> !incoming.stamp().beats(c.stamp())).orElse(incoming);
    }
}
