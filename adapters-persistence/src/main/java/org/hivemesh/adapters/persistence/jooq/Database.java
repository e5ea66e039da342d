package org.hivemesh.adapters.persistence.jooq;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.flywaydb.core.Flyway;
import org.hivemesh.application.agents.port.out.Credentials;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.hub.port.out.HubStore;
import org.hivemesh.application.shared.port.out.AuditLog;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdentityStore;
import org.hivemesh.application.shared.port.out.StorageFull;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.port.out.OversightStore;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One database (SQLite or PostgreSQL) and the storage ports over it. */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Three SQLite pages of bytes that do not compress, so the probe needs pages the store does not have yet. */
    private static final byte[] PROBE = new byte[3 * 4096];

    static {
        new Random(7).nextBytes(PROBE);
    }

    private final HikariDataSource dataSource;
    private final Optional<HikariDataSource> readers;
    private final String migrations;
    private final JooqTransactions transactions;
    /** One per store: it keeps hives in memory, and a write must drop what every reader keeps. */
    private final JooqHiveStore hives;
    private final Clock clock;
    private final String description;

    /**
     * {@code storageFull} recognises the vendor's "database or disk is full" error; {@code readers}, if given, serves
     * reads outside transactions, so they never wait for the writer's connection.
     */
    public Database(HikariDataSource dataSource, Optional<HikariDataSource> readers, SQLDialect dialect, String migrations,
                    Clock clock, String description, Predicate<SQLException> storageFull) {
        this.dataSource = dataSource;
        this.readers = readers;
        this.migrations = migrations;
        this.clock = clock;
        this.description = description;
        StorageErrors errors = new StorageErrors(storageFull);
        DSLContext root = context(dataSource, dialect, errors);
        DSLContext reads = readers.map(r -> context(r, dialect, errors)).orElse(root);
        this.transactions = new JooqTransactions(root, reads, errors, dialect.getName().toLowerCase(java.util.Locale.ROOT));
        this.hives = new JooqHiveStore(transactions);
    }

    private static DSLContext context(HikariDataSource dataSource, SQLDialect dialect, StorageErrors errors) {
        return DSL.using(new DefaultConfiguration().set(dataSource).set(dialect)
                .set(new Settings().withExecuteLogging(false).withRenderSchema(false)).set(errors));
    }

    /** Applies pending Flyway migrations of this vendor, then refolds state if the rules changed; safe on every start. */
    public void migrate() {
        Flyway.configure().dataSource(dataSource).locations(migrations).load().migrate();
        Refold.ifOutdated(transactions, new JooqEventStore(transactions, clock), new JooqStateStore(transactions));
    }

    /**
     * Why the store cannot take a write now, or empty if it can: writes a few pages in a transaction that is
     * rolled back, so a full store or disk, a read-only database or a lost connection all show.
     */
    public Optional<String> writeProblem() {
        try {
            // jOOQ's transaction, like every write's: it puts the connection back in order when SQLite has
            // already rolled back by itself, as it does after SQLITE_FULL.
            transactions.inTransaction(() -> {
                transactions.ctx().insertInto(Tables.STORE_PROBE, Tables.PROBE_PAYLOAD).values(PROBE).execute();
                throw new ProbeWritten();
            });
        } catch (ProbeWritten rolledBack) {
            return Optional.empty();
        } catch (StorageFull e) {
            return problem(e, "the store is full (database or disk is full)");
        } catch (DataAccessException e) {
            return problem(e, "the store cannot take a write");
        }
        throw new IllegalStateException("the write probe neither wrote nor failed");
    }

    private Optional<String> problem(RuntimeException e, String reason) {
        LOG.warn("store {} failed its write probe: {}", description, e.getMessage());
        return Optional.of(reason);
    }

    /** Ends the probe's transaction with a rollback once its write went through. */
    private static final class ProbeWritten extends RuntimeException {
        ProbeWritten() {
            super(null, null, false, false);
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
        return hives;
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

    public OversightStore oversight() {
        return new JooqOversightStore(transactions);
    }

    public HubStore hub() {
        return new JooqHubStore(transactions);
    }

    public IdentityStore identity() {
        return new JooqIdentityStore(transactions);
    }

    @Override
    public void close() {
        transactions.close();
        readers.ifPresent(HikariDataSource::close);
        dataSource.close();
    }
}
