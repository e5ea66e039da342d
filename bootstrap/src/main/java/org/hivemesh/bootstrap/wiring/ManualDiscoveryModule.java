package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.hivemesh.application.port.in.PeerDiscoveryUseCases;
import org.hivemesh.application.service.ManualDiscovery;

/** discovery: manual — no hub client. */
public final class ManualDiscoveryModule extends AbstractModule {
    @Provides
    @Singleton
    PeerDiscoveryUseCases discovery() {
        return new ManualDiscovery();
    }
}
