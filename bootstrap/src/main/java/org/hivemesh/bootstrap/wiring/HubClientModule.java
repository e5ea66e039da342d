package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Duration;
import org.hivemesh.adapters.peers.discovery.DiscoveryWorker;
import org.hivemesh.adapters.peers.discovery.hub.HttpHubClient;
import org.hivemesh.adapters.peers.transport.HttpPeerTransport;
import org.hivemesh.application.discovery.HubDiscoveryService;
import org.hivemesh.application.discovery.port.in.PeerDiscoveryUseCases;
import org.hivemesh.application.discovery.port.out.HubClient;
import org.hivemesh.application.hub.port.out.HubStore;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdGenerator;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.sync.port.out.OwnEndpoint;
import org.hivemesh.application.sync.port.out.PeerFinder;
import org.hivemesh.application.sync.port.out.SyncSignals;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.bootstrap.config.HivemeshConfig;
import org.hivemesh.bootstrap.config.TlsMaterial;

/** discovery: hub or both — registers with the hub and caches the peers it reports. */
public final class HubClientModule extends AbstractModule {
    @Provides
    @Singleton
    HubClient client(TlsMaterial tls, InstanceIdentity self, Signatures signatures, Clock clock) {
        return new HttpHubClient(new HttpPeerTransport(Duration.ofSeconds(5), Duration.ofSeconds(30), tls.peers(), self,
                signatures, clock));
    }

    @Override
    protected void configure() {
        bind(PeerDiscoveryUseCases.class).to(HubDiscoveryService.class);
        bind(PeerFinder.class).to(HubDiscoveryService.class);
    }

    @Provides
    @Singleton
    HubDiscoveryService discovery(HivemeshConfig config, HubClient client, HubStore hub, SyncStore sync,
                                  InstanceIdentity self, OwnEndpoint ownEndpoint, Clock clock, IdGenerator ids,
                                  SyncSignals signals) {
        return new HubDiscoveryService(config.discovery().hubUrl().orElseThrow(), config.discovery().hubKey().orElseThrow(),
                client, hub, sync, self, ownEndpoint, self.instanceId(), clock, ids, signals);
    }

    @Provides
    @Singleton
    DiscoveryWorker worker(Provider<PeerDiscoveryUseCases> discovery, HivemeshConfig config) {
        return new DiscoveryWorker(discovery::get, config.sync().heartbeatInterval());
    }
}
