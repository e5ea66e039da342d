package org.hivemesh.domain.hive;

import java.util.Comparator;

public record EntityKey(EntityKind kind, String id) implements Comparable<EntityKey> {
    private static final Comparator<EntityKey> ORDER =
            Comparator.comparing(EntityKey::kind).thenComparing(EntityKey::id);

    @Override
    public int compareTo(EntityKey other) {
        return ORDER.compare(this, other);
    }
}
