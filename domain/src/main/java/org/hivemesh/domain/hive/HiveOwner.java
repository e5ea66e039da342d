package org.hivemesh.domain.hive;

import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Ids;

/**
 * Who owns a hive: the owner instance tips owner-preferring LWW; the owner agent is the "hive owner" of the
 * authority rules, who may do everything and can be neither banned nor unbanned.
 */
public record HiveOwner(String instanceId, String agentId) {
    public HiveOwner {
        Ids.require("owner instance_id", instanceId);
        Ids.require("owner agent_id", agentId);
    }

    public String agentKey() {
        return instanceId + "/" + agentId;
    }

    public boolean is(AgentRef agent) {
        return agent.instanceId().equals(instanceId) && agent.agentId().equals(agentId);
    }
}
