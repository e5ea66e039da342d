package org.hivemesh.application.content;

import jakarta.inject.Inject;
import java.util.Optional;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.agents.port.in.Scope;
import org.hivemesh.application.agents.port.out.Credentials;
import org.hivemesh.application.content.port.in.HiveUseCases;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdGenerator;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.event.MembershipAction;

public final class HiveService implements HiveUseCases {
    private final HiveStore hives;
    private final HiveAccess access;
    private final EventWriter writer;
    private final Credentials credentials;
    private final Audit audit;
    private final Clock clock;
    private final IdGenerator ids;
    private final InstanceIdentity identity;
    private final Transactions transactions;

    @Inject
    public HiveService(HiveStore hives, HiveAccess access, EventWriter writer, Credentials credentials, Audit audit,
                       Clock clock, IdGenerator ids, InstanceIdentity identity, Transactions transactions) {
        this.hives = hives;
        this.access = access;
        this.writer = writer;
        this.credentials = credentials;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
        this.identity = identity;
        this.transactions = transactions;
    }

    /** The hive, its group, and the creator's membership (and description, if any) as events, in one transaction. */
    @Override
    public HiveRecord createHive(Principal principal, CreateHiveCommand command) {
        principal.require(Scope.READ_WRITE);
        HiveRecord hive = new HiveRecord(command.name(), ids.id("grp_"), identity.instanceId(),
                principal.agent().agentId(), clock.now());
        return transactions.inTransaction(() -> {
            if (!hives.create(hive)) {
                throw HivemeshException.conflict("hive_exists", "hive '" + command.name() + "' already exists");
            }
            writer.write(hive, new EventPayload.MembershipChanged(principal.agent(), MembershipAction.JOIN, principal.agent()));
            if (command.description() != null && !command.description().isBlank()) {
                writer.write(hive, new EventPayload.HiveSettingChanged("description",
                        JsonValue.of(command.description()), principal.agent()));
            }
            audit.record("hive_created",
                    Optional.of(hive.groupId()), principal.agent().key(),
                    JsonObject.builder().put("hive", hive.name()).build());
            return hive;
        });
    }

    @Override
    public void changeSetting(Principal principal, ChangeSettingCommand command) {
        principal.require(Scope.READ_WRITE);
        transactions.inTransaction(() -> {
            HiveRecord hive = access.hive(command.hiveName());
            return writer.write(hive, new EventPayload.HiveSettingChanged(command.key(), command.value(), principal.agent()));
        });
    }

    @Override
    public void changeMembership(Principal principal, ChangeMembershipCommand command) {
        principal.require(Scope.READ_WRITE);
        transactions.inTransaction(() -> {
            HiveRecord hive = access.hive(command.hiveName());
            AgentRef target = agent(command.agentId(), command.instanceId(), command.name());
            return writer.write(hive, new EventPayload.MembershipChanged(target, command.action(), principal.agent()));
        });
    }

    @Override
    public void changeModerator(Principal principal, ChangeModeratorCommand command) {
        principal.require(Scope.READ_WRITE);
        transactions.inTransaction(() -> {
            HiveRecord hive = access.hive(command.hiveName());
            AgentRef target = agent(command.agentId(), command.instanceId(), command.name());
            return writer.write(hive, new EventPayload.ModeratorChanged(target, command.action(), principal.agent()));
        });
    }

    /** A local agent by its ID, or an agent of another instance as the caller names it. */
    private AgentRef agent(String agentId, Optional<String> instanceId, Optional<String> name) {
        if (instanceId.isPresent() && !instanceId.get().equals(identity.instanceId())) {
            try {
                return new AgentRef(instanceId.get(), agentId, name.orElse(agentId));
            } catch (IllegalArgumentException e) {
                throw HivemeshException.invalid(e.getMessage());
            }
        }
        return localAgent(agentId);
    }

    private AgentRef localAgent(String agentId) {
        return credentials.agentById(agentId)
                .map(a -> new AgentRef(identity.instanceId(), a.agentId(), a.name()))
                .orElseThrow(() -> HivemeshException.notFound("agent", agentId));
    }
}
