package org.hivemesh.application.fakes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;

public final class InMemoryHiveStore implements HiveStore {
    private final Map<String, HiveRecord> byName = new ConcurrentHashMap<>();

    @Override
    public boolean create(HiveRecord hive) {
        return byName.putIfAbsent(hive.name(), hive) == null;
    }

    @Override
    public Optional<HiveRecord> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public Optional<HiveRecord> byGroup(String groupId) {
        return byName.values().stream().filter(h -> h.groupId().equals(groupId)).findFirst();
    }

    @Override
    public void moveToGroup(String name, String groupId, String ownerInstanceId) {
        byName.computeIfPresent(name, (n, h) -> new HiveRecord(n, groupId, ownerInstanceId, h.ownerAgentId(), h.createdAt()));
    }

    @Override
    public void rehome(HiveRecord hive) {
        byName.computeIfPresent(hive.name(), (n, h) -> new HiveRecord(n, hive.groupId(), hive.ownerInstanceId(),
                hive.ownerAgentId(), h.createdAt()));
    }

    @Override
    public List<HiveRecord> all() {
        List<HiveRecord> all = new ArrayList<>(byName.values());
        all.sort(Comparator.comparing(HiveRecord::name));
        return all;
    }
}
