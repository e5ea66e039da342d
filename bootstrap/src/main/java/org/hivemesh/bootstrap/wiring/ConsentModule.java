package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.ProvidesIntoSet;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.sync.ConsentRoutes;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.consent.Admission;
import org.hivemesh.application.consent.CadenceService;
import org.hivemesh.application.consent.ConsentProtocol;
import org.hivemesh.application.consent.ConsentSettings;
import org.hivemesh.application.consent.LiberationService;
import org.hivemesh.application.consent.MemberMessages;
import org.hivemesh.application.consent.MergePlanner;
import org.hivemesh.application.consent.OversightStaging;
import org.hivemesh.application.consent.PlanBook;
import org.hivemesh.application.consent.PlanDecisions;
import org.hivemesh.application.consent.Rosters;
import org.hivemesh.application.consent.SuccessionSettings;
import org.hivemesh.application.consent.port.in.CadenceUseCase;
import org.hivemesh.application.consent.port.in.ConsentProtocolUseCases;
import org.hivemesh.application.consent.port.in.LiberationUseCase;
import org.hivemesh.application.consent.port.in.MergePlansUseCase;
import org.hivemesh.application.consent.port.in.RosterProtocolUseCase;
import org.hivemesh.application.consent.port.in.RosterUseCase;
import org.hivemesh.application.content.port.out.HiveReads;
import org.hivemesh.application.shared.port.in.AdminAuthentication;
import org.hivemesh.application.sync.port.out.GovernanceView;
import org.hivemesh.application.sync.port.out.GroupCadence;
import org.hivemesh.application.sync.port.out.JoinGate;
import org.hivemesh.application.sync.port.out.MergeGate;
import org.hivemesh.application.sync.port.out.RosterDelivery;
import org.hivemesh.bootstrap.config.HivemeshConfig;
import org.hivemesh.domain.consent.OversightPolicy;

/** Consent before merges: the gates sync asks, the protocol between roster members, cadence and liberation. */
public final class ConsentModule extends AbstractModule {
    @Override
    protected void configure() {
        Services services = new Services(binder());
        services.single(PlanBook.class, MergePlanner.class);
        services.bind(MemberMessages.class, RosterDelivery.class);
        services.bind(Admission.class, JoinGate.class);
        services.bind(OversightStaging.class, MergeGate.class);
        services.bind(PlanDecisions.class, MergePlansUseCase.class);
        services.bind(Rosters.class, RosterUseCase.class, GovernanceView.class);
        services.bind(ConsentProtocol.class, ConsentProtocolUseCases.class, RosterProtocolUseCase.class);
        services.bind(CadenceService.class, CadenceUseCase.class, HiveReads.class, GroupCadence.class);
        services.bind(LiberationService.class, LiberationUseCase.class);
    }

    /** The oversight policy a group created here starts with (each group then has its own). */
    @Provides
    OversightPolicy oversight(HivemeshConfig config) {
        HivemeshConfig.Consent c = config.consent();
        return new OversightPolicy(c.oversightMaxDeletes(), c.oversightOnModeration(), c.oversightOnContradiction(),
                c.oversightOnJoin(), c.oversightBy());
    }

    @Provides
    ConsentSettings settings(HivemeshConfig config) {
        return new ConsentSettings(config.consent().pruneAfter());
    }

    @Provides
    SuccessionSettings succession(HivemeshConfig config) {
        return new SuccessionSettings(config.consent().ownerSilenceLimit());
    }

    @ProvidesIntoSet
    HttpRoutes consentRoutes(RosterUseCase rosters, MergePlansUseCase plans, CadenceUseCase cadence,
                             AdminAuthentication admin, AgentUseCases agents) {
        return new ConsentRoutes(rosters, plans, cadence, admin, agents);
    }
}
