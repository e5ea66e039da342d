package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;
import org.jooq.Condition;
import org.jooq.Record;

/**
 * Hives change only by create, liberation and adoption, while every API request looks its hive up: committed rows are
 * kept in memory. A write drops them when it runs and again after its commit; a read that overlapped a write is not
 * kept; reads inside a transaction always go to the database, which holds their own writes.
 */
final class JooqHiveStore implements HiveStore {
    private final JooqTransactions tx;
    private final Map<String, HiveRecord> byName = new ConcurrentHashMap<>();
    private final Map<String, HiveRecord> byGroup = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    JooqHiveStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean create(HiveRecord hive) {
        return tx.inTransaction(() -> {
            changed();
            return tx.ctx().insertInto(HIVES).set(HIVE_NAME, hive.name()).set(GROUP_ID, hive.groupId())
                    .set(OWNER_INSTANCE_ID, hive.ownerInstanceId()).set(OWNER_AGENT_ID, hive.ownerAgentId())
                    .set(CREATED_AT, hive.createdAt().toEpochMilli()).onConflictDoNothing().execute() == 1;
        });
    }

    @Override
    public void moveToGroup(String name, String groupId, String ownerInstanceId) {
        tx.inTransaction(() -> {
            changed();
            return tx.ctx().update(HIVES).set(GROUP_ID, groupId).set(OWNER_INSTANCE_ID, ownerInstanceId)
                    .where(HIVE_NAME.eq(name)).execute();
        });
    }

    @Override
    public void rehome(HiveRecord hive) {
        tx.inTransaction(() -> {
            changed();
            return tx.ctx().update(HIVES).set(GROUP_ID, hive.groupId())
                    .set(OWNER_INSTANCE_ID, hive.ownerInstanceId()).set(OWNER_AGENT_ID, hive.ownerAgentId())
                    .where(HIVE_NAME.eq(hive.name())).execute();
        });
    }

    /** Drops what is kept, now and once the write's transaction commits. */
    private void changed() {
        forget();
        tx.afterCommit(this::forget);
    }

    private void forget() {
        writes.incrementAndGet();
        byName.clear();
        byGroup.clear();
    }

    @Override
    public Optional<HiveRecord> byName(String name) {
        return kept(byName, name, HIVE_NAME.eq(name));
    }

    @Override
    public Optional<HiveRecord> byGroup(String groupId) {
        return kept(byGroup, groupId, GROUP_ID.eq(groupId));
    }

    private Optional<HiveRecord> kept(Map<String, HiveRecord> kept, String key, Condition where) {
        if (tx.inWork()) {
            return one(where);
        }
        HiveRecord known = kept.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        long before = writes.get();
        Optional<HiveRecord> found = one(where);
        // Hives are few (one row per hive this instance holds), so the maps need no bound of their own.
        found.filter(h -> writes.get() == before).ifPresent(h -> kept.put(key, h));
        return found;
    }

    @Override
    public List<HiveRecord> all() {
        return tx.ctx().select(HIVE_NAME, GROUP_ID, OWNER_INSTANCE_ID, OWNER_AGENT_ID, CREATED_AT).from(HIVES)
                .orderBy(HIVE_NAME).fetch(JooqHiveStore::hive);
    }

    private Optional<HiveRecord> one(Condition where) {
        return tx.ctx().select(HIVE_NAME, GROUP_ID, OWNER_INSTANCE_ID, OWNER_AGENT_ID, CREATED_AT).from(HIVES)
                .where(where).fetchOptional(JooqHiveStore::hive);
    }

    private static HiveRecord hive(Record r) {
        return new HiveRecord(r.get(HIVE_NAME), r.get(GROUP_ID), r.get(OWNER_INSTANCE_ID), r.get(OWNER_AGENT_ID),
                Instant.ofEpochMilli(r.get(CREATED_AT)));
    }
}
