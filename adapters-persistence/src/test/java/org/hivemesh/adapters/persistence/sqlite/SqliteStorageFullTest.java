package org.hivemesh.adapters.persistence.sqlite;

import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.adapters.persistence.jooq.StoreCapacity;
import org.hivemesh.adapters.persistence.testing.StorageFullContract;
import org.hivemesh.adapters.persistence.testing.TestDatabases;

class SqliteStorageFullTest extends StorageFullContract {
    @Override
    protected Database freshDatabase() {
        return TestDatabases.sqlite();
    }

    @Override
    protected StoreCapacity capacity(Database database) {
        return StoreCapacity.sqlite(database);
    }
}
