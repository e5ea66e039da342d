package org.hivemesh.application.port.out;

import java.time.Instant;

/** A hive known on this instance and the group that carries its events. */
public record HiveRecord(String name, String groupId, String ownerInstanceId, String ownerAgentId, Instant createdAt) {
}
