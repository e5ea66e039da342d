package org.hivemesh.adapters.persistence.sqlite;

import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.adapters.persistence.testing.SqlStoreContract;
import org.hivemesh.adapters.persistence.testing.TestDatabases;

class SqliteStoresTest extends SqlStoreContract {
    private static final Database DB = TestDatabases.sqlite();

    @Override
    protected Database database() {
        return DB;
    }
}
