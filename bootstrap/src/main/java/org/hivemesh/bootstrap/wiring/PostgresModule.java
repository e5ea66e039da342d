package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.adapters.persistence.postgres.PostgresDatabase;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.bootstrap.config.HivemeshConfig;

/** Production storage: a pooled PostgreSQL database from {@code jdbc_url}. */
public final class PostgresModule extends AbstractModule {
    @Override
    protected void configure() {
        install(new StoragePortsModule());
    }

    @Provides
    @Singleton
    Database database(HivemeshConfig config, Clock clock) {
        return PostgresDatabase.open(config.jdbcUrl().orElseThrow(), config.dbUser().orElse(null),
                config.dbPassword().orElse(null), config.dbPoolSize(), clock);
    }
}
