package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.sync.ConsentRoutes;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.consent.CadenceService;
import org.hivemesh.application.consent.ConsentService;
import org.hivemesh.application.consent.LiberationService;
import org.hivemesh.application.consent.MergePlanner;
import org.hivemesh.application.consent.port.in.ConsentProtocolUseCases;
import org.hivemesh.application.consent.port.in.ConsentUseCases;
import org.hivemesh.application.consent.port.in.LiberationUseCase;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.content.EventWriter;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveReads;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.shared.port.in.AdminAuthentication;
import org.hivemesh.application.shared.port.out.AuditLog;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.port.out.GovernanceView;
import org.hivemesh.application.sync.port.out.GroupCadence;
import org.hivemesh.application.sync.port.out.JoinGate;
import org.hivemesh.application.sync.port.out.MergeGate;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.RosterDelivery;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.bootstrap.config.HivemeshConfig;
import org.hivemesh.domain.consent.OversightPolicy;

/** Consent before merges: the gates sync asks, the protocol between roster members, cadence and liberation. */
public final class ConsentModule extends AbstractModule {
    @Override
    protected void configure() {
        Services services = new Services(binder());
        services.bind(CadenceService.class, HiveReads.class, GroupCadence.class);
        services.bind(LiberationService.class, LiberationUseCase.class);
        services.single(MergePlanner.class);
        bind(ConsentUseCases.class).to(ConsentService.class);
        bind(ConsentProtocolUseCases.class).to(ConsentService.class);
        bind(JoinGate.class).to(ConsentService.class);
        bind(MergeGate.class).to(ConsentService.class);
        bind(RosterDelivery.class).to(ConsentService.class);
        bind(GovernanceView.class).to(ConsentService.class);
    }

    @Provides
    OversightPolicy oversight(HivemeshConfig config) {
        HivemeshConfig.Consent c = config.consent();
        return new OversightPolicy(c.oversightMaxDeletes(), c.oversightOnModeration(), c.oversightOnContradiction());
    }

    @Provides
    @Singleton
    ConsentService consent(ConsentStore store, SyncStore sync, EventStore events, StateStore state,
                           Transactions transactions, AuditLog audit, Clock clock, InstanceIdentity self,
                           HivemeshConfig config, PeerTransport transport, Signatures signatures, CadenceService cadence,
                           EventWriter writer, HiveStore hives, MergePlanner planner) {
        return new ConsentService(store, sync, events, state, transactions, audit, clock, self,
                config.consent().pruneAfter(), config.consent().oversightOnJoin(), transport, signatures, cadence,
                writer, hives, planner);
    }

    @ProvidesIntoSet
    HttpRoutes consentRoutes(ConsentUseCases consent, AdminAuthentication admin, AgentUseCases agents) {
        return new ConsentRoutes(consent, admin, agents);
    }
}
