package org.hivemesh.application.content;

import jakarta.inject.Inject;
import java.util.List;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.domain.hive.Entity;
import org.hivemesh.domain.hive.EntityKey;
import org.hivemesh.domain.hive.EntityKind;

/** Looks up hives and the entities in them; who may do what is the authority rules' business. */
public final class HiveAccess {
    private final HiveStore hives;
    private final StateStore state;

    @Inject
    public HiveAccess(HiveStore hives, StateStore state) {
        this.hives = hives;
        this.state = state;
    }

    public HiveRecord hive(String name) {
        return hives.byName(name).orElseThrow(() -> HivemeshException.notFound("hive", name));
    }

    public boolean hasGroup(String group) {
        return hives.byGroup(group).isPresent();
    }

    public HiveRecord hiveOfGroup(String group) {
        return hives.byGroup(group).orElseThrow(() -> HivemeshException.notFound("group", group));
    }

    /** Minimum hex digits of a short ID: 8 hex = 32 bits, unique in any hive a person reads. */
    public static final int MIN_PREFIX_HEX = 8;

    /** The full ID for a full ID or a unique prefix of at least 8 hex digits ({@code post_4f425640}). */
    public String resolve(EntityKind kind, String given) {
        if (given == null || given.isBlank()) {
            throw HivemeshException.invalid(kind.wire() + " id is required");
        }
        if (state.groupOf(kind, given).isPresent()) {
            return given;
        }
        int underscore = given.indexOf('_');
        if (underscore < 0 || given.length() - underscore - 1 < MIN_PREFIX_HEX) {
            throw HivemeshException.notFound(kind.wire(), given);
        }
        List<String> matches = state.idsWithPrefix(kind, given, 2);
        if (matches.size() > 1) {
            throw HivemeshException.conflict("ambiguous_id", "'" + given + "' matches more than one " + kind.wire()
                    + "; give more digits");
        }
        return matches.stream().findFirst().orElseThrow(() -> HivemeshException.notFound(kind.wire(), given));
    }

    /** The hive an entity lives in and the entity itself, if it has been created; {@code given} may be a prefix. */
    public Located locate(EntityKind kind, String given) {
        String what = kind.wire();
        String id = resolve(kind, given);
        String group = state.groupOf(kind, id).orElseThrow(() -> HivemeshException.notFound(what, id));
        Entity entity = state.entity(group, new EntityKey(kind, id))
                .filter(Entity::isCreated)
                .orElseThrow(() -> HivemeshException.notFound(what, id));
        return new Located(hiveOfGroup(group), entity);
    }

    public record Located(HiveRecord hive, Entity entity) {
    }
}
