package org.hivemesh.application.content.port.out;

import java.time.Instant;
import org.hivemesh.domain.hive.HiveOwner;

/** A hive known on this instance and the group that carries its events. */
public record HiveRecord(String name, String groupId, String ownerInstanceId, String ownerAgentId, Instant createdAt) {
    public HiveOwner owner() {
        return new HiveOwner(ownerInstanceId, ownerAgentId);
    }
}
