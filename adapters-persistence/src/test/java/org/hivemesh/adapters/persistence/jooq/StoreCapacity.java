package org.hivemesh.adapters.persistence.jooq;

import org.jooq.DSLContext;

/** A test hook that makes a real store full, and gives it room again. */
public interface StoreCapacity {
    void fill();

    void makeRoom();

    /**
     * SQLite refuses to grow the file past {@code max_page_count} with SQLITE_FULL. The limit belongs to a
     * connection; the writer's pool has exactly one, so every later write of the store meets it.
     */
    static StoreCapacity sqlite(Database database) {
        JooqTransactions tx = (JooqTransactions) database.transactions();
        return new StoreCapacity() {
            @Override
            public void fill() {
                // SQLite raises a limit below the current size to the current size: not one page more.
                onWriter("PRAGMA max_page_count = 1");
            }

            @Override
            public void makeRoom() {
                // Eight TiB of 4 KiB pages: room enough, and below what SQLite allows.
                onWriter("PRAGMA max_page_count = " + Integer.MAX_VALUE);
            }

            private void onWriter(String pragma) {
                tx.inTransaction(() -> tx.ctx().fetch(pragma));
            }
        };
    }

    /**
     * PostgreSQL cannot be given a quota, so the server itself answers {@code disk_full} (SQLSTATE 53100), the
     * error a full disk gives, from triggers on the materialized posts and on the readiness probe's table.
     */
    static StoreCapacity postgres(Database database) {
        return postgres(database, "disk_full");
    }

    /** The same triggers answering another PostgreSQL error condition, such as {@code out_of_memory}. */
    static StoreCapacity postgres(Database database, String condition) {
        DSLContext ctx = ((JooqTransactions) database.transactions()).ctx();
        return new StoreCapacity() {
            @Override
            public void fill() {
                ctx.execute("CREATE OR REPLACE FUNCTION disk_is_full() RETURNS trigger AS $$ BEGIN "
                        + "RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '" + condition + "'; "
                        + "END $$ LANGUAGE plpgsql");
                ctx.execute("CREATE TRIGGER posts_disk_full BEFORE INSERT OR UPDATE ON posts "
                        + "FOR EACH ROW EXECUTE FUNCTION disk_is_full()");
                ctx.execute("CREATE TRIGGER probe_disk_full BEFORE INSERT ON store_probe "
                        + "FOR EACH ROW EXECUTE FUNCTION disk_is_full()");
            }

            @Override
            public void makeRoom() {
                ctx.execute("DROP TRIGGER posts_disk_full ON posts");
                ctx.execute("DROP TRIGGER probe_disk_full ON store_probe");
            }
        };
    }
}
