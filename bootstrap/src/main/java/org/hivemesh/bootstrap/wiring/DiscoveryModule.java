package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hivemesh.adapters.peers.discovery.CompositePeerResolver;
import org.hivemesh.adapters.peers.discovery.gossip.GossipPeers;
import org.hivemesh.adapters.peers.discovery.hub.HubPeers;
import org.hivemesh.adapters.peers.discovery.manual.ManualPeers;
import org.hivemesh.application.discovery.GossipService;
import org.hivemesh.application.sync.port.out.PeerGossip;
import org.hivemesh.application.sync.port.out.PeerResolver;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.bootstrap.config.HivemeshConfig;
import org.hivemesh.domain.peer.GossipRules;
import org.hivemesh.domain.peer.PeerSource;

/** Gossip, and discovery backends by name; the composite takes those the configured mode names, in precedence order. */
public final class DiscoveryModule extends AbstractModule {
    @Override
    protected void configure() {
        MapBinder<String, PeerResolver> backends = MapBinder.newMapBinder(binder(), String.class, PeerResolver.class);
        Provider<SyncStore> sync = getProvider(SyncStore.class);
        backends.addBinding("manual").toProvider(() -> new ManualPeers(sync.get())).in(Singleton.class);
        backends.addBinding("hub").toProvider(() -> new HubPeers(sync.get())).in(Singleton.class);
        bind(PeerResolver.class).to(CompositePeerResolver.class);
        backends.addBinding("gossip").toProvider(() -> new GossipPeers(sync.get())).in(Singleton.class);
        new Services(binder()).bind(GossipService.class, PeerGossip.class);
    }

    @Provides
    GossipService.Settings gossip(HivemeshConfig config) {
        HivemeshConfig.Discovery d = config.discovery();
        return new GossipService.Settings(d.gossip(), new GossipRules.Settings(d.defaultTtl(), d.hubPeerTtl(),
                d.maxGossipPeers()), d.maxFailures());
    }

    /** manual: manual + gossip; hub: hub + gossip; both: manual + hub + gossip. Peers admitted by handshake always count. */
    @Provides
    @Singleton
    CompositePeerResolver resolver(Map<String, PeerResolver> backends, HivemeshConfig config) {
        List<PeerResolver> order = new ArrayList<>();
        String mode = config.discovery().mode();
        if (!mode.equals("hub")) {
            order.add(backends.get("manual"));
        }
        if (config.discovery().usesHub()) {
            order.add(backends.get("hub"));
        }
        order.add(backends.get("gossip"));
        if (mode.equals("hub")) {
            order.add(new HandshakeOnly(backends.get("manual")));
        }
        return new CompositePeerResolver(order);
    }

    /** In hub mode, the peers that handshook with this instance still sync; configured ones do not. */
    private static final class HandshakeOnly implements PeerResolver {
        private final PeerResolver manual;

        HandshakeOnly(PeerResolver manual) {
            this.manual = manual;
        }

        @Override
        public List<SyncStore.PeerRecord> allPeers() {
            return manual.allPeers().stream().filter(p -> p.source() == PeerSource.HANDSHAKE).toList();
        }

        @Override
        public List<SyncStore.PeerRecord> peersForGroup(String groupId) {
            return manual.peersForGroup(groupId).stream()
                    .filter(p -> p.source() == PeerSource.HANDSHAKE).toList();
        }

        @Override
        public boolean isOnline(String peerId) {
            return manual.isOnline(peerId);
        }
    }
}
