package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import org.hivemesh.application.discovery.ManualDiscovery;
import org.hivemesh.application.discovery.port.in.PeerDiscoveryUseCases;
import org.hivemesh.application.sync.port.out.PeerFinder;

/** discovery: manual — no hub client. */
public final class ManualDiscoveryModule extends AbstractModule {
    @Override
    protected void configure() {
        new Services(binder()).bind(ManualDiscovery.class, PeerDiscoveryUseCases.class, PeerFinder.class);
    }
}
