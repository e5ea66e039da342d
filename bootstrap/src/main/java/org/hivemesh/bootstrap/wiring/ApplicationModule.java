package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.security.SecureRandom;
import java.time.Instant;
import org.hivemesh.adapters.http.content.HiveStreams;
import org.hivemesh.adapters.http.sync.StatusChanges;
import org.hivemesh.application.agents.AgentService;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.content.ContentService;
import org.hivemesh.application.content.EventWriter;
import org.hivemesh.application.content.HiveAccess;
import org.hivemesh.application.content.HiveService;
import org.hivemesh.application.content.MergeAudit;
import org.hivemesh.application.content.ReadService;
import org.hivemesh.application.content.RefusedEventsService;
import org.hivemesh.application.content.port.in.ContentUseCases;
import org.hivemesh.application.content.port.in.HiveUseCases;
import org.hivemesh.application.content.port.in.ReadUseCases;
import org.hivemesh.application.content.port.in.RefusedEventsUseCase;
import org.hivemesh.application.content.port.out.EventSignals;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.shared.AdminAuthenticator;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.HybridClock;
import org.hivemesh.application.shared.InstanceIdentities;
import org.hivemesh.application.shared.RandomIds;
import org.hivemesh.application.shared.port.in.AdminAuthentication;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdGenerator;
import org.hivemesh.application.shared.port.out.IdentityStore;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.sync.port.out.SyncSignals;
import org.hivemesh.bootstrap.config.HivemeshConfig;
import org.hivemesh.domain.event.Hlc;

/**
 * What every capability shares, content (hives, posts, reads) and agents. Identity and clock read the store, so
 * they are built after migration.
 */
public final class ApplicationModule extends AbstractModule {
    private final String adminToken;

    public ApplicationModule(String adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    protected void configure() {
        Services services = new Services(binder());
        services.single(Audit.class, EventWriter.class, HiveAccess.class, MergeAudit.class);
        services.bind(AgentService.class, AgentUseCases.class);
        services.bind(HiveService.class, HiveUseCases.class);
        services.bind(ContentService.class, ContentUseCases.class);
        services.bind(ReadService.class, ReadUseCases.class);
        services.bind(RefusedEventsService.class, RefusedEventsUseCase.class);
    }

    @Provides
    @Singleton
    Clock clock() {
        return Instant::now;
    }

    @Provides
    @Singleton
    IdGenerator ids() {
        return new RandomIds(new SecureRandom());
    }

    @Provides
    @Singleton
    AdminAuthentication admin() {
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
    AgentService.Settings agentSettings(HivemeshConfig config) {
        return new AgentService.Settings(config.trust().maxSessionsPerAgent());
    }

    /** New events wake the sync workers, the hives' live streams and the console's status streams. */
    @Provides
    EventSignals eventSignals(SyncSignals signals, HiveStreams streams, StatusChanges status) {
        return groupId -> {
            signals.eventsStored(groupId);
            streams.eventsStored(groupId);
            status.eventsStored(groupId);
        };
    }
}
