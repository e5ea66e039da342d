package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.hivemesh.adapters.peers.crypto.Ed25519Signatures;
import org.hivemesh.application.shared.port.out.Signatures;

public final class PeersModule extends AbstractModule {
    @Provides
    @Singleton
    Signatures signatures() {
        return new Ed25519Signatures();
    }
}
