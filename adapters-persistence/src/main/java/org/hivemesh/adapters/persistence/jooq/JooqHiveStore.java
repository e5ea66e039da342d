package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;
import org.jooq.Condition;
import org.jooq.Record;

final class JooqHiveStore implements HiveStore {
    private final JooqTransactions tx;

    JooqHiveStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean create(HiveRecord hive) {
        return tx.inTransaction(() -> tx.ctx().insertInto(HIVES).set(HIVE_NAME, hive.name()).set(GROUP_ID, hive.groupId())
                .set(OWNER_INSTANCE_ID, hive.ownerInstanceId()).set(OWNER_AGENT_ID, hive.ownerAgentId())
                .set(CREATED_AT, hive.createdAt().toEpochMilli()).onConflictDoNothing().execute() == 1);
    }

    @Override
    public void moveToGroup(String name, String groupId, String ownerInstanceId) {
        tx.inTransaction(() -> tx.ctx().update(HIVES).set(GROUP_ID, groupId).set(OWNER_INSTANCE_ID, ownerInstanceId)
                .where(HIVE_NAME.eq(name)).execute());
    }

    @Override
    public void rehome(HiveRecord hive) {
        tx.inTransaction(() -> tx.ctx().update(HIVES).set(GROUP_ID, hive.groupId())
                .set(OWNER_INSTANCE_ID, hive.ownerInstanceId()).set(OWNER_AGENT_ID, hive.ownerAgentId())
                .where(HIVE_NAME.eq(hive.name())).execute());
    }

    @Override
    public Optional<HiveRecord> byName(String name) {
        return one(HIVE_NAME.eq(name));
    }

    @Override
    public Optional<HiveRecord> byGroup(String groupId) {
        return one(GROUP_ID.eq(groupId));
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
