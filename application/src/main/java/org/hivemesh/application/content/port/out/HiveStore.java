package org.hivemesh.application.content.port.out;

import java.util.List;
import java.util.Optional;

public interface HiveStore {
    /** False if a hive of that name exists already. */
    boolean create(HiveRecord hive);

    Optional<HiveRecord> byName(String name);

    Optional<HiveRecord> byGroup(String groupId);

    List<HiveRecord> all();

    /** Points the hive at another group (liberation), with this owner. */
    void moveToGroup(String name, String groupId, String ownerInstanceId);

    /** Points the hive named {@code hive.name()} at the group and owner of {@code hive} (adoption). */
    void rehome(HiveRecord hive);
}
