package org.hivemesh.domain.hive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hivemesh.domain.conflict.Stamp;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Ids;

/**
 * Who owns a hive: the owner instance tips owner-preferring LWW; the owner agent is the "hive owner" of the
 * authority rules, who may do everything and can be neither banned nor unbanned. {@code instanceId} and
 * {@code agentId} name the founder; {@code handovers} are the ownership changes the roster's log holds, so the owner
 * as of any event is {@link #at} its stamp.
 */
public record HiveOwner(String instanceId, String agentId, List<Handover> handovers) {
    public HiveOwner {
        Ids.require("owner instance_id", instanceId);
        Ids.require("owner agent_id", agentId);
        List<Handover> sorted = new ArrayList<>(handovers);
        sorted.sort(Comparator.comparing(Handover::at));
        handovers = List.copyOf(sorted);
    }

    public HiveOwner(String instanceId, String agentId) {
        this(instanceId, agentId, List.of());
    }

    /** Ownership moved to {@code instanceId}/{@code agentId} by the roster event stamped {@code at}. */
    public record Handover(Stamp at, String instanceId, String agentId) {
    }

    public HiveOwner founder() {
        return handovers.isEmpty() ? this : new HiveOwner(instanceId, agentId);
    }

    public HiveOwner withHandovers(List<Handover> next) {
        return new HiveOwner(instanceId, agentId, next);
    }

    /** The owner as of an event: the last handover ordered before its stamp, else the founder. */
    public HiveOwner at(Stamp stamp) {
        HiveOwner owner = founder();
        for (Handover h : handovers) {
            if (h.at().compareTo(stamp) >= 0) {
                break;
            }
            owner = new HiveOwner(h.instanceId(), h.agentId());
        }
        return owner;
    }

    /** The owner now, after every handover. */
    public HiveOwner current() {
        return handovers.isEmpty() ? this : new HiveOwner(handovers.get(handovers.size() - 1).instanceId(),
                handovers.get(handovers.size() - 1).agentId());
    }

    public String agentKey() {
        return instanceId + "/" + agentId;
    }

    public boolean is(AgentRef agent) {
        return agent.instanceId().equals(instanceId) && agent.agentId().equals(agentId);
    }
}
