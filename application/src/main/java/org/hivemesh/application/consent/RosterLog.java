package org.hivemesh.application.consent;

import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.content.EventWriter;
import org.hivemesh.application.content.HiveAccess;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.domain.consent.MemberState;
import org.hivemesh.domain.consent.Roster;
import org.hivemesh.domain.consent.RosterMember;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.OwnerTransferred;
import org.hivemesh.domain.event.RosterAction;
import org.hivemesh.domain.event.RosterChanged;
import org.hivemesh.domain.hive.EntityKey;
import org.hivemesh.domain.hive.HiveOwner;
import org.hivemesh.domain.hive.RosterRules;
import org.hivemesh.domain.hive.RosterView;

/**
 * A governed group's roster as replicated state: read from the roster entity its log folds to, changed by signing
 * roster events into that log (they reach the other members like any event). A group whose log holds no roster event
 * yet (created before rosters were events) shows its stored roster rows; the first roster event this instance signs
 * for it carries those rows into the log first, so nothing of the old roster is lost.
 */
public final class RosterLog {
    /** The agent that signs an instance's roster and ownership events. */
    public static final String INSTANCE_AGENT = "instance";

    private final HiveAccess hives;
    private final StateStore state;
    private final ConsentStore store;
    private final EventWriter writer;
    private final InstanceIdentity self;

    @Inject
    public RosterLog(HiveAccess hives, StateStore state, ConsentStore store, EventWriter writer, InstanceIdentity self) {
        this.hives = hives;
        this.state = state;
        this.store = store;
        this.writer = writer;
        this.self = self;
    }

    public AgentRef agent() {
        return new AgentRef(self.instanceId(), INSTANCE_AGENT, INSTANCE_AGENT);
    }

    /** The roster and owner the group's log says, the founder being the first member and owner. */
    public RosterView view(String groupId) {
        HiveRecord hive = hives.hiveOfGroup(groupId);
        return RosterRules.view(hive.owner(), state.entity(groupId, EntityKey.ROSTER));
    }

    /** The active members, as approval rounds count them; stored rows while the log has no roster event. */
    public Roster roster(String groupId) {
        if (!hives.hasGroup(groupId) || state.entity(groupId, EntityKey.ROSTER).isEmpty()) {
            return store.roster(groupId);
        }
        List<RosterMember> members = new ArrayList<>();
        for (RosterView.Entry entry : view(groupId).members()) {
            if (entry.status() == RosterView.Status.ACTIVE) {
                Instant since = entry.since().map(h -> Instant.ofEpochMilli(h.wallMillis()))
                        .orElse(hives.hiveOfGroup(groupId).createdAt());
                members.add(new RosterMember(entry.instanceId(), MemberState.ACTIVE, since));
            }
        }
        return new Roster(groupId, members);
    }

    /** The founder with every handover the log holds: the owner as of any stamp. */
    public HiveOwner ownership(String groupId) {
        return RosterRules.ownership(hives.hiveOfGroup(groupId).owner(), state.entity(groupId, EntityKey.ROSTER));
    }

    /** The owner now: the one every owner-only step (opening join plans, sending the roster) belongs to. */
    public HiveOwner owner(String groupId) {
        return view(groupId).owner();
    }

    public boolean ownedHere(String groupId) {
        return hives.hasGroup(groupId) && owner(groupId).instanceId().equals(self.instanceId());
    }

    /** Signs the handover of ownership (call inside a transaction); refused (403) unless this instance owns it now. */
    public Event transfer(String groupId, String instance, String agentId) {
        return change(groupId, new OwnerTransferred(new AgentRef(instance, agentId, agentId), agent()));
    }

    /** Signs {@code instance} onto the roster (call inside a transaction); refused (403) without authority. */
    public Event admit(String groupId, String instance, Optional<String> planId) {
        return change(groupId, new RosterChanged(instance, RosterAction.ADMITTED, planId, agent()));
    }

    /** Signs {@code instance} off the roster, by this instance ({@code removed}) or for itself ({@code left}). */
    public Event remove(String groupId, String instance) {
        RosterAction action = instance.equals(self.instanceId()) ? RosterAction.LEFT : RosterAction.REMOVED;
        return change(groupId, new RosterChanged(instance, action, Optional.empty(), agent()));
    }

    /** Signs any roster or ownership event (call inside a transaction), after carrying stored rows into the log. */
    public Event change(String groupId, EventPayload payload) {
        HiveRecord hive = hives.hiveOfGroup(groupId);
        carryStoredRows(hive);
        return writer.write(hive, payload);
    }

    private void carryStoredRows(HiveRecord hive) {
        if (state.entity(hive.groupId(), EntityKey.ROSTER).isPresent()
                || !hive.ownerInstanceId().equals(self.instanceId())) {
            return;
        }
        for (RosterMember member : store.roster(hive.groupId()).members()) {
            if (!member.instanceId().equals(hive.ownerInstanceId())) {
                writer.write(hive, new RosterChanged(member.instanceId(), RosterAction.ADMITTED, Optional.empty(), agent()));
            }
        }
    }
}
