package org.hivemesh.application.service;

import java.util.List;
import java.util.Optional;
import org.hivemesh.application.port.in.HivemeshException;
import org.hivemesh.application.port.in.Principal;
import org.hivemesh.application.port.out.HiveRecord;
import org.hivemesh.application.port.out.HiveStore;
import org.hivemesh.application.port.out.StateStore;
import org.hivemesh.domain.conflict.Register;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.hive.Entity;
import org.hivemesh.domain.hive.EntityKey;
import org.hivemesh.domain.hive.EntityKind;

/** Looks up hives and answers who may do what in them. */
public final class HiveAccess {
    private final HiveStore hives;
    private final StateStore state;

    public HiveAccess(HiveStore hives, StateStore state) {
        this.hives = hives;
        this.state = state;
    }

    public HiveRecord hive(String name) {
        return hives.byName(name).orElseThrow(() -> HivemeshException.notFound("hive", name));
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

    public boolean isOwner(HiveRecord hive, AgentRef agent) {
        return hive.ownerInstanceId().equals(agent.instanceId()) && hive.ownerAgentId().equals(agent.agentId());
    }

    public boolean isModerator(HiveRecord hive, AgentRef agent) {
        return isOwner(hive, agent) || latestAction(hive, EntityKind.MODERATOR, agent, "moderator")
                .filter("add"::equals).isPresent();
    }

    public void requireModerator(HiveRecord hive, Principal principal, String action) {
        if (!isModerator(hive, principal.agent())) {
            throw HivemeshException.forbidden("only the owner or a moderator of hive '" + hive.name() + "' may " + action);
        }
    }

    public void requireNotBanned(HiveRecord hive, Principal principal) {
        if (latestAction(hive, EntityKind.MEMBER, principal.agent(), "membership").filter("ban"::equals).isPresent()) {
            throw HivemeshException.forbidden("agent is banned from hive '" + hive.name() + "'");
        }
    }

    /** Authors may change their own content; moderators may change anyone's. */
    public void requireAuthorOrModerator(Located located, Principal principal, String action) {
        AgentRef author = AgentRef.fromJson(located.entity().created().orElseThrow().object("author"));
        boolean isAuthor = author.instanceId().equals(principal.agent().instanceId())
                && author.agentId().equals(principal.agent().agentId());
        if (!isAuthor && !isModerator(located.hive(), principal.agent())) {
            throw HivemeshException.forbidden("only the author or a moderator may " + action);
        }
    }

    private Optional<String> latestAction(HiveRecord hive, EntityKind kind, AgentRef agent, String field) {
        return state.entity(hive.groupId(), new EntityKey(kind, agent.key()))
                .flatMap(e -> e.field(field))
                .map(Register::value)
                .map(v -> ((JsonObject) v).string("action"));
    }

    public record Located(HiveRecord hive, Entity entity) {
    }
}
