package org.hivemesh.bootstrap.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/**
 * What {@code -g/--group} means on every command, local or --server: a hive, given by its name, its group ID,
 * or a unique start of that ID of at least four characters after {@code grp_} (as {@code hivemesh} prints them).
 */
final class GroupArgument {
    static final String HELP = "hive name, group ID, or a unique start of the ID (grp_1a2b)";
    private static final String PREFIX = "grp_";
    private static final int SHORTEST = 4;

    record Known(String groupId, String hiveName) {
    }

    private GroupArgument() {
    }

    /** Refuses (IllegalArgumentException) what names no hive, or names several. */
    static Known resolve(String given, List<Known> known) {
        for (Known k : known) {
            if (k.groupId().equals(given) || k.hiveName().equals(given)) {
                return k;
            }
        }
        String start = given.startsWith(PREFIX) ? given : PREFIX + given;
        List<Known> matching = start.length() - PREFIX.length() < SHORTEST ? List.of()
                : known.stream().filter(k -> k.groupId().startsWith(start)).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        if (matching.size() > 1) {
            throw new IllegalArgumentException("-g " + given + " is the start of several group IDs (" + listed(matching)
                    + "); give more of the ID, or the hive name");
        }
        throw new IllegalArgumentException("-g " + given + ": no hive or group by that name or ID here"
                + (known.isEmpty() ? " (there are none yet)" : "; there are " + listed(known))
                + ". Give a hive name, a group ID, or a unique start of one");
    }

    /**
     * The hive meant, for commands that may bring a hive here for the first time (sync, federate --pull): a name not
     * known here is taken as the name of a hive to fetch; an ID must name a known group.
     */
    static String hiveName(String given, List<Known> known) {
        boolean looksLikeId = given.startsWith(PREFIX);
        if (!looksLikeId && known.stream().noneMatch(k -> k.hiveName().equals(given) || k.groupId().startsWith(PREFIX + given))) {
            return given;
        }
        return resolve(given, known).hiveName();
    }

    private static String listed(List<Known> known) {
        return known.stream().map(k -> k.hiveName() + " (" + k.groupId() + ")").collect(Collectors.joining(", "));
    }

    /** The sync groups of a local store, as the server lists its own. */
    static List<Known> local(HivemeshInstance instance) {
        return instance.service(SyncGroupsUseCase.class).groups().stream()
                .map(g -> new Known(g.group().groupId(), g.group().hiveName())).toList();
    }

    /** {@link #resolve} in a local store, where a hive shared with no one yet is still named by its name or ID. */
    static Known local(String given, HivemeshInstance instance) {
        try {
            return resolve(given, local(instance));
        } catch (IllegalArgumentException notShared) {
            try {
                String groupId = instance.service(SyncGroupsUseCase.class).groupIdOf(given);
                return new Known(groupId, given);
            } catch (HivemeshException unknown) {
                throw notShared;
            }
        }
    }

    /** The hives a server lists to this admin client (GET /api/v1/sync/groups: the shared ones). */
    static List<Known> server(MeshClient admin) {
        return admin.admin("GET", "/api/v1/sync/groups", null).objects("data").stream()
                .map(g -> new Known(g.string("id"), g.string("hive_name"))).toList();
    }

    /** The hives a server lists to this session (GET /api/v1/hives). */
    static List<Known> hives(MeshClient session) {
        return session.write("GET", "/api/v1/hives", null).objects("data").stream()
                .map((JsonObject h) -> new Known(h.string("group_id"), h.string("name"))).toList();
    }
}
