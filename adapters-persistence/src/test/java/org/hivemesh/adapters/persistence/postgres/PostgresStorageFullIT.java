package org.hivemesh.adapters.persistence.postgres;

import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.adapters.persistence.jooq.StoreCapacity;
import org.hivemesh.adapters.persistence.testing.StorageFullContract;
import org.hivemesh.adapters.persistence.testing.TestDatabases;

class PostgresStorageFullIT extends StorageFullContract {
    @Override
    protected Database freshDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    protected StoreCapacity capacity(Database database) {
        return StoreCapacity.postgres(database);
    }
}
