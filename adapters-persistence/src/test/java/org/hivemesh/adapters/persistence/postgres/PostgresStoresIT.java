package org.hivemesh.adapters.persistence.postgres;

import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.adapters.persistence.testing.SqlStoreContract;
import org.hivemesh.adapters.persistence.testing.TestDatabases;

/** The storage contract on PostgreSQL; never skipped (see TestDatabases). */
class PostgresStoresIT extends SqlStoreContract {
    private static Database db;

    @Override
    protected synchronized Database database() {
        if (db == null) {
            db = TestDatabases.postgres();
        }
        return db;
    }
}
