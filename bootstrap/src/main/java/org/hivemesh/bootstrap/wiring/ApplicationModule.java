package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Instant;
import org.hivemesh.application.agents.AgentService;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.agents.port.out.Credentials;
import org.hivemesh.application.consent.CadenceService;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.content.ContentService;
import org.hivemesh.application.content.EventWriter;
import org.hivemesh.application.content.HiveAccess;
import org.hivemesh.application.content.HiveService;
import org.hivemesh.application.content.ReadService;
import org.hivemesh.application.content.port.in.ContentUseCases;
import org.hivemesh.application.content.port.in.HiveUseCases;
import org.hivemesh.application.content.port.in.ReadUseCases;
import org.hivemesh.application.content.port.out.EventSignals;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.shared.AdminAuthenticator;
import org.hivemesh.application.shared.HybridClock;
import org.hivemesh.application.shared.InstanceIdentities;
import org.hivemesh.application.shared.port.out.AuditLog;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdentityStore;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.port.out.SyncSignals;
import org.hivemesh.bootstrap.config.HivemeshConfig;
import org.hivemesh.domain.event.Hlc;

/** Use cases and the services behind them. Identity and clock read the store, so they are built after migration. */
public final class ApplicationModule extends AbstractModule {
    private final String adminToken;

    public ApplicationModule(String adminToken) {
        this.adminToken = adminToken;
    }

    @Provides
    @Singleton
    Clock clock() {
        return Instant::now;
    }

    @Provides
    @Singleton
    AdminAuthenticator admin() {
        return new AdminAuthenticator(adminToken);
    }

    @Provides
    @Singleton
    InstanceIdentity identity(IdentityStore store, Signatures signatures) {
        return InstanceIdentities.loadOrCreate(store, signatures);
    }

    @Provides
    @Singleton
    HybridClock hybridClock(Clock clock, EventStore events) {
        return new HybridClock(clock, events.maxHlc().orElse(Hlc.ZERO));
    }

    @Provides
    @Singleton
    EventWriter writer(InstanceIdentity identity, Signatures signatures, HybridClock clock, EventStore events,
                       StateStore state, Transactions transactions, EventSignals signals) {
        return new EventWriter(identity, signatures, clock, events, state, transactions, signals);
    }

    @Provides
    @Singleton
    HiveAccess access(HiveStore hives, StateStore state) {
        return new HiveAccess(hives, state);
    }

    @Provides
    @Singleton
    AgentUseCases agents(Credentials credentials, AuditLog audit, Clock clock, InstanceIdentity identity,
                         Transactions transactions, HivemeshConfig config) {
        return new AgentService(credentials, audit, clock, identity, transactions, config.trust().maxSessionsPerAgent());
    }

    @Provides
    @Singleton
    HiveUseCases hives(HiveStore hives, HiveAccess access, EventWriter writer, Credentials credentials, AuditLog audit,
                       Clock clock, InstanceIdentity identity, Transactions transactions) {
        return new HiveService(hives, access, writer, credentials, audit, clock, identity, transactions);
    }

    @Provides
    @Singleton
    ContentUseCases content(HiveStore hives, HiveAccess access, EventWriter writer, StateStore state,
                            Transactions transactions) {
        return new ContentService(hives, access, writer, state, transactions);
    }

    @Provides
    @Singleton
    ReadUseCases reads(HiveStore hives, HiveAccess access, StateStore state, EventStore events, CadenceService cadence) {
        return new ReadService(hives, access, state, events, cadence);
    }

    @Provides
    @Singleton
    CadenceService cadence(ConsentStore store, Clock clock, EventSignals signals) {
        return new CadenceService(store, clock, signals);
    }

    /** New local events wake the sync workers. */
    @Provides
    @Singleton
    EventSignals eventSignals(SyncSignals signals) {
        return signals;
    }
}
