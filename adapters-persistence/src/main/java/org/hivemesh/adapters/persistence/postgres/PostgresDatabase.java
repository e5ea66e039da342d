package org.hivemesh.adapters.persistence.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Optional;
import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.application.shared.port.out.Clock;
import org.jooq.SQLDialect;

/** Production storage: a pooled PostgreSQL database. */
public final class PostgresDatabase {
    /** SQLSTATE disk_full; the rest of class 53 (memory, connections, limits) is not about storage. */
    private static final String DISK_FULL = "53100";

    private PostgresDatabase() {
    }

    public static Database open(String jdbcUrl, String user, String password, int poolSize, Clock clock) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("hivemesh-postgres");
        // The driver sends a batch of inserts as multi-row statements: one round trip for a page of events.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // The driver prepares a statement run five times on the server, whose generic plan for "group_id = ? AND id IN
        // (?, …)" scans the whole group by group_id: a batch's lookups took 400 ms instead of 4 ms, growing with the
        // log. Plans for the values at hand cost about a millisecond each.
        config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
        return new Database(new HikariDataSource(config), Optional.empty(), SQLDialect.POSTGRES, "classpath:db/migration/postgresql", clock,
                "postgres:" + jdbcUrl.replaceAll("password=[^&]*", "password=***"), e -> DISK_FULL.equals(e.getSQLState()));
    }
}
