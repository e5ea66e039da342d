package org.hivemesh.domain.conflict;

import java.util.Optional;
import org.hivemesh.domain.event.JsonValue;

/** One vote per (voter, target): the latest by (HLC, event ID) counts; value 0 removes the vote. */
public final class VoteLww {
    private VoteLww() {
    }

    public static Register merge(Optional<Register> current, Register incoming) {
        return Lww.merge(current, incoming);
    }

    public static int effectiveValue(Register vote) {
        return (int) ((JsonValue.JsonObject) vote.value()).number("value");
    }
}
