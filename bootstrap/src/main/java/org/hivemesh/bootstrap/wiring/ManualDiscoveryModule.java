package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.hivemesh.application.discovery.ManualDiscovery;
import org.hivemesh.application.discovery.port.in.PeerDiscoveryUseCases;

/** discovery: manual — no hub client. */
public final class ManualDiscoveryModule extends AbstractModule {
    @Provides
    @Singleton
    PeerDiscoveryUseCases discovery() {
        return new ManualDiscovery();
    }
}
