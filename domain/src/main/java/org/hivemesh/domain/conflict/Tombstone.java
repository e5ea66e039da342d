package org.hivemesh.domain.conflict;

import java.util.Optional;

/** Deletes are absorbing: once any delete is known the entity stays deleted; the earliest delete is the one recorded. */
public final class Tombstone {
    private Tombstone() {
    }

    public static Register merge(Optional<Register> current, Register incoming) {
        return current.filter(c -> !c.stamp().beats(incoming.stamp())).orElse(incoming);
    }
}
