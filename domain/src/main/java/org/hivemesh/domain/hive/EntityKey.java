package org.hivemesh.domain.hive;

import java.util.Comparator;

public record EntityKey(EntityKind kind, String id) implements Comparable<EntityKey> {
    private static final Comparator<EntityKey> ORDER =
            Comparator.comparing(EntityKey::kind).thenComparing(EntityKey::id);

    /** A group's one roster entity: which instances are on it, and who owns the group. */
    public static final EntityKey ROSTER = new EntityKey(EntityKind.ROSTER, "roster");

    /** The membership entity of an agent, which also holds its ban. */
    public static EntityKey membership(String agentKey) {
        return new EntityKey(EntityKind.MEMBER, agentKey);
    }

    public static EntityKey moderator(String agentKey) {
        return new EntityKey(EntityKind.MODERATOR, agentKey);
    }

    /** One text form, {@code kind:id}, for storage and logs. */
    public String wire() {
        return kind.wire() + ":" + id;
    }

    public static EntityKey fromWire(String wire) {
        int colon = wire.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("entity key must look like 'kind:id', got: " + wire);
        }
        return new EntityKey(EntityKind.valueOf(wire.substring(0, colon).toUpperCase()), wire.substring(colon + 1));
    }

    @Override
    public int compareTo(EntityKey other) {
        return ORDER.compare(this, other);
    }
}
