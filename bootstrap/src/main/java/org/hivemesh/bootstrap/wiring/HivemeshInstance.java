package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.hivemesh.adapters.http.HttpServer;
import org.hivemesh.adapters.http.ops.SyncMetrics;
import org.hivemesh.adapters.peers.discovery.CompositePeerResolver;
import org.hivemesh.adapters.peers.discovery.DiscoveryWorker;
import org.hivemesh.adapters.peers.transport.SyncWorkers;
import org.hivemesh.adapters.peers.transport.TransferThreads;
import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.sync.port.in.SyncPeersUseCase;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.bootstrap.config.DataDirectory;
import org.hivemesh.bootstrap.config.HivemeshConfig;
import org.hivemesh.bootstrap.config.TlsMaterial;
import org.hivemesh.domain.peer.SyncEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance: wires the modules chosen by configuration, then starts the lifecycle services in
 * order (database migration, HTTP server) and stops them in reverse.
 */
public final class HivemeshInstance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HivemeshInstance.class);

    private final Injector injector;
    private final Deque<Runnable> stops = new ArrayDeque<>();

    private HivemeshInstance(Injector injector) {
        this.injector = injector;
    }

    /** A serving instance: store, HTTP API and sync workers. */
    public static HivemeshInstance start(HivemeshConfig config, String adminToken) {
        return open(config, adminToken, true);
    }

    /** A local store for the CLI (offline recording, sync, import, export): no server, no background work. */
    public static HivemeshInstance openLocal(HivemeshConfig config) {
        return open(config, "local-store-serves-no-admin-api", false);
    }

    private static HivemeshInstance open(HivemeshConfig config, String adminToken, boolean serve) {
        DataDirectory.secure(config.dataDir());
        // Read before anything starts, so a certificate or key that cannot be used stops the start with its reason.
        TlsMaterial tls = TlsMaterial.read(config.tls());
        List<Module> modules = new ArrayList<>(List.of(
                config.db() == HivemeshConfig.Database.POSTGRES ? new PostgresModule() : new SqliteModule(),
                new PeersModule(), new ApplicationModule(adminToken), new HttpModule(), new SyncModule(),
                new ConsentModule(), new PortabilityModule(), new DiscoveryModule(),
                config.discovery().usesHub() ? new HubClientModule() : new ManualDiscoveryModule(),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(HivemeshConfig.class).toInstance(config);
                        bind(TlsMaterial.class).toInstance(tls);
                    }
                }));
        if (config.discovery().hubRole()) {
            modules.add(new HubModule());
        }
        Injector injector = Guice.createInjector(Stage.DEVELOPMENT, modules);
        HivemeshInstance instance = new HivemeshInstance(injector);
        try {
            instance.startServices(serve);
        } catch (RuntimeException e) {
            instance.close();
            throw e;
        }
        return instance;
    }

    private void startServices(boolean serve) {
        Database database = injector.getInstance(Database.class);
        stops.push(database::close);
        TransferThreads transfers = injector.getInstance(TransferThreads.class);
        stops.push(transfers::close);
        database.migrate();
        LOG.info("store {} migrated", database.description());
        if (!serve) {
            return;
        }

        injector.getInstance(SyncMetrics.class);
        HttpServer http = injector.getInstance(HttpServer.class);
        http.start();
        stops.push(http::stop);
        injector.getInstance(BoundAddress.class).bound(http.port());

        addStaticPeers(injector.getInstance(HivemeshConfig.class), injector.getInstance(SyncPeersUseCase.class));
        SyncWorkers workers = injector.getInstance(SyncWorkers.class);
        injector.getInstance(CompositePeerResolver.class).onStatusChange((peer, from, to) -> {
            LOG.info("peer {} ({}): {} -> {}", peer.name(), peer.syncEndpoint(), from.wire(), to.wire());
            workers.peerChanged(peer.peerId());
        });
        workers.start();
        stops.push(workers::close);
        HivemeshConfig config = injector.getInstance(HivemeshConfig.class);
        if (config.discovery().usesHub()) {
            DiscoveryWorker discovery = injector.getInstance(DiscoveryWorker.class);
            discovery.start();
            stops.push(discovery::close);
        }
        LOG.info("instance {} serving at {}", identity().instanceId(), baseUrl());
    }

    /** A use case of this instance, for in-process drivers such as benchmarks. */
    public <T> T service(Class<T> type) {
        return injector.getInstance(type);
    }

    /** Peers from hivemesh.yaml; an endpoint already known keeps its entry, with the configured hives added. */
    private static void addStaticPeers(HivemeshConfig config, SyncPeersUseCase sync) {
        for (HivemeshConfig.StaticPeer peer : config.peers()) {
            String endpoint = SyncEndpoint.of(peer.syncEndpoint()).value();
            Optional<PeerRecord> known = sync.peers().stream().filter(p -> p.syncEndpoint().equals(endpoint)).findFirst();
            if (known.isEmpty()) {
                sync.addPeer(new SyncPeersUseCase.AddPeerCommand(peer.name(), endpoint, peer.sharedHives(), "config"));
            } else if (!known.get().sharedHives().containsAll(peer.sharedHives())) {
                List<String> hives = new ArrayList<>(known.get().sharedHives());
                peer.sharedHives().stream().filter(h -> !hives.contains(h)).forEach(hives::add);
                sync.updatePeer(known.get().peerId(), new SyncPeersUseCase.UpdatePeerCommand(Optional.empty(),
                        Optional.empty(), Optional.of(hives)));
            }
        }
    }

    public InstanceIdentity identity() {
        return injector.getInstance(InstanceIdentity.class);
    }

    public int port() {
        return injector.getInstance(BoundAddress.class).port();
    }

    public String baseUrl() {
        return injector.getInstance(BoundAddress.class).baseUrl();
    }

    /** Graceful: the server finishes requests in flight before the store closes. */
    @Override
    public synchronized void close() {
        while (!stops.isEmpty()) {
            try {
                stops.pop().run();
            } catch (RuntimeException e) {
                LOG.warn("error while stopping", e);
            }
        }
    }
}
