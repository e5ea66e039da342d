package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.application.agents.port.out.Credentials;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.hub.port.out.HubStore;
import org.hivemesh.application.shared.port.out.AuditLog;
import org.hivemesh.application.shared.port.out.IdentityStore;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.port.out.OversightStore;
import org.hivemesh.application.sync.port.out.SyncStore;

/** The storage ports over whichever {@link Database} the backend module provides. */
final class StoragePortsModule extends AbstractModule {
    @Provides
    @Singleton
    Transactions transactions(Database db) {
        return db.transactions();
    }

    @Provides
    @Singleton
    EventStore events(Database db) {
        return db.events();
    }

    @Provides
    @Singleton
    StateStore state(Database db) {
        return db.state();
    }

    @Provides
    @Singleton
    HiveStore hives(Database db) {
        return db.hives();
    }

    @Provides
    @Singleton
    Credentials credentials(Database db) {
        return db.credentials();
    }

    @Provides
    @Singleton
    AuditLog audit(Database db) {
        return db.audit();
    }

    @Provides
    @Singleton
    SyncStore sync(Database db) {
        return db.sync();
    }

    @Provides
    @Singleton
    ConsentStore consent(Database db) {
        return db.consent();
    }

    @Provides
    @Singleton
    OversightStore oversight(Database db) {
        return db.oversight();
    }

    @Provides
    @Singleton
    HubStore hub(Database db) {
        return db.hub();
    }

    @Provides
    @Singleton
    IdentityStore identity(Database db) {
        return db.identity();
    }
}
