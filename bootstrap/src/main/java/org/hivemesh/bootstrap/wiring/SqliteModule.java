package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.adapters.persistence.sqlite.SqliteDatabase;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.bootstrap.config.HivemeshConfig;

/** Embedded storage: {@code <data dir>/hivemesh.db}. */
public final class SqliteModule extends AbstractModule {
    @Override
    protected void configure() {
        install(new StoragePortsModule());
    }

    @Provides
    @Singleton
    Database database(HivemeshConfig config, Clock clock) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data dir " + config.dataDir(), e);
        }
        return SqliteDatabase.open(config.dataDir().resolve("hivemesh.db"), clock);
    }
}
