package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import org.hivemesh.application.portability.AdoptingFederation;
import org.hivemesh.application.portability.AdoptingImport;
import org.hivemesh.application.portability.Federation;
import org.hivemesh.application.portability.PortabilityService;
import org.hivemesh.application.portability.port.in.AdoptingFederationUseCase;
import org.hivemesh.application.portability.port.in.AdoptionUseCase;
import org.hivemesh.application.portability.port.in.FederationUseCase;
import org.hivemesh.application.portability.port.in.PortabilityUseCases;

/** Export, import and one-off exchanges with instances that are not peers. */
public final class PortabilityModule extends AbstractModule {
    @Override
    protected void configure() {
        Services services = new Services(binder());
        services.bind(PortabilityService.class, PortabilityUseCases.class);
        services.bind(Federation.class, FederationUseCase.class);
        services.bind(AdoptingImport.class, AdoptionUseCase.class);
        services.bind(AdoptingFederation.class, AdoptingFederationUseCase.class);
    }
}
