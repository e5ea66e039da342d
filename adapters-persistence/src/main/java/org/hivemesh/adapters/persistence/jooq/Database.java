package org.hivemesh.adapters.persistence.jooq;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.hivemesh.application.port.out.AuditLog;
import org.hivemesh.application.port.out.Clock;
import org.hivemesh.application.port.out.ConsentStore;
import org.hivemesh.application.port.out.Credentials;
import org.hivemesh.application.port.out.EventStore;
import org.hivemesh.application.port.out.HiveStore;
import org.hivemesh.application.port.out.HubStore;
import org.hivemesh.application.port.out.IdentityStore;
import org.hivemesh.application.port.out.StateStore;
import org.hivemesh.application.port.out.SyncStore;
import org.hivemesh.application.port.out.Transactions;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** One database (SQLite or PostgreSQL) and the storage ports over it. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final String migrations;
    private final JooqTransactions transactions;
    private final Clock clock;
    private final String description;

    public Database(HikariDataSource dataSource, SQLDialect dialect, String migrations, Clock clock, String description) {
        this.dataSource = dataSource;
        this.migrations = migrations;
        this.clock = clock;
        this.description = description;
        DSLContext root = DSL.using(dataSource, dialect, new Settings().withExecuteLogging(false)
                .withRenderSchema(false));
        this.transactions = new JooqTransactions(root);
    }

    /** Applies pending Flyway migrations of this vendor, then refolds state if the rules changed; safe on every start. */
    public void migrate() {
        Flyway.configure().dataSource(dataSource).locations(migrations).load().migrate();
        Refold.ifOutdated(transactions, new JooqEventStore(transactions, clock), new JooqStateStore(transactions));
    }

    public boolean isReachable() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    public String description() {
        return description;
    }

    public Transactions transactions() {
        return transactions;
    }

    public EventStore events() {
        return new JooqEventStore(transactions, clock);
    }

    public StateStore state() {
        return new JooqStateStore(transactions);
    }

    public HiveStore hives() {
        return new JooqHiveStore(transactions);
    }

    public Credentials credentials() {
        return new JooqCredentials(transactions);
    }

    public AuditLog audit() {
        return new JooqAuditLog(transactions);
    }

    public SyncStore sync() {
        return new JooqSyncStore(transactions);
    }

    public ConsentStore consent() {
        return new JooqConsentStore(transactions);
    }

    public HubStore hub() {
        return new JooqHubStore(transactions);
    }

    public IdentityStore identity() {
        return new JooqIdentityStore(transactions);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
