package org.hivemesh.application.consent;

import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.event.OwnerSuccessionClaimed;
import org.hivemesh.domain.hive.HiveOwner;
import org.hivemesh.domain.hive.RosterView;

/**
 * Ownership after the owner went silent: once the group's log holds no event of the owner instance for
 * {@code owner_silence_limit}, this member signs a succession claim. Every member names the same successor without
 * talking to the others (the smallest instance ID among the active non-owner members, its {@code instance} agent),
 * and ownership moves when the whole active roster has claimed it (RosterRules).
 */
public final class Succession {
    private final RosterLog rosters;
    private final EventStore events;
    private final Transactions transactions;
    private final Audit audit;
    private final Clock clock;
    private final InstanceIdentity self;
    private final SuccessionSettings settings;

    @Inject
    public Succession(RosterLog rosters, EventStore events, Transactions transactions, Audit audit, Clock clock,
                      InstanceIdentity self, SuccessionSettings settings) {
        this.rosters = rosters;
        this.events = events;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.self = self;
        this.settings = settings;
    }

    /** Signs this member's claim if the owner has been silent for the limit and it has not claimed yet. */
    public Optional<HiveOwner> claimIfSilent(String groupId) {
        return transactions.inTransaction(() -> {
            RosterView roster = rosters.view(groupId);
            String owner = roster.owner().instanceId();
            if (owner.equals(self.instanceId()) || !roster.isActive(self.instanceId())
                    || !silent(groupId, owner, rosters.ownership(groupId))) {
                return Optional.<HiveOwner>empty();
            }
            TreeSet<String> candidates = new TreeSet<>(roster.active());
            candidates.remove(owner);
            HiveOwner successor = new HiveOwner(candidates.first(), RosterLog.INSTANCE_AGENT);
            if (successor.equals(roster.claims().get(self.instanceId()))) {
                return Optional.<HiveOwner>empty();
            }
            rosters.change(groupId, new OwnerSuccessionClaimed(new AgentRef(successor.instanceId(),
                    successor.agentId(), successor.agentId()), settings.ownerSilenceLimit().toMillis(), rosters.agent()));
            audit.record("owner_succession_claimed", Optional.of(groupId), self.instanceId(), JsonObject.builder()
                    .put("silent_owner", owner).put("successor", successor.instanceId()).build());
            return Optional.of(successor);
        });
    }

    /** Silent since its latest event in the log, or since ownership moved to it if that came later. */
    private boolean silent(String groupId, String owner, HiveOwner ownership) {
        Optional<Hlc> since = ownership.handovers().isEmpty() ? Optional.empty()
                : Optional.of(ownership.handovers().get(ownership.handovers().size() - 1).at().hlc());
        Optional<Hlc> heard = events.latestOf(groupId, owner).map(last -> since.map(last::max).orElse(last)).or(() -> since);
        return heard.map(last -> Duration.between(Instant.ofEpochMilli(last.wallMillis()), clock.now())
                .compareTo(settings.ownerSilenceLimit()) >= 0).orElse(true);
    }
}
