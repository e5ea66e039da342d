package org.hivemesh.application.content.port.out;

/** Someone read a hive: an on-open member opens the group for merging when it is read after being idle. */
public interface HiveReads {
    void read(String groupId);

    HiveReads NONE = groupId -> {
    };
}
