package org.hivemesh.domain.group;

import org.hivemesh.domain.event.Ids;

/** The shared identity of a hive across instances (seed 3.3): its events carry {@code groupId}. */
public record SyncGroup(String groupId, String hiveName, String ownerInstanceId, Consent consent, String method,
                        String lineage) {
    public static final String DEFAULT_METHOD = "event-union";

    public SyncGroup {
        Ids.require("group id", groupId);
        Ids.require("hive name", hiveName);
        Ids.require("owner instance id", ownerInstanceId);
        Ids.require("method", method);
        Ids.require("lineage", lineage);
    }
}
