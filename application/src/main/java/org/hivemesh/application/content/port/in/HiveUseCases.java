package org.hivemesh.application.content.port.in;

import java.util.Optional;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.MembershipAction;
import org.hivemesh.domain.event.ModeratorAction;

/** Creating a hive and changing its settings, members and moderators. */
public interface HiveUseCases {
    HiveRecord createHive(Principal principal, CreateHiveCommand command);

    void changeSetting(Principal principal, ChangeSettingCommand command);

    void changeMembership(Principal principal, ChangeMembershipCommand command);

    void changeModerator(Principal principal, ChangeModeratorCommand command);

    record CreateHiveCommand(String name, String description) {
        public CreateHiveCommand {
            if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{1,63}")) {
                throw HivemeshException.invalid("name must be 2-64 characters of a-z, 0-9, '_' or '-', starting with a letter or digit");
            }
            if (description != null && description.length() > 2000) {
                throw HivemeshException.invalid("description must be at most 2000 characters");
            }
        }
    }

    record ChangeSettingCommand(String hiveName, String key, JsonValue value) {
    }

    /** {@code instanceId}: the agent's instance when it is not this one (a remote member); {@code name} shown for it. */
    record ChangeMembershipCommand(String hiveName, String agentId, MembershipAction action, Optional<String> instanceId,
                                   Optional<String> name) {
    }

    record ChangeModeratorCommand(String hiveName, String agentId, ModeratorAction action, Optional<String> instanceId,
                                  Optional<String> name) {
    }
}
