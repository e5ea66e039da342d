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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hivemesh.adapters.http.HttpServer;
import org.hivemesh.adapters.http.content.HiveStreams;
import org.hivemesh.adapters.http.ops.HttpMetrics;
import org.hivemesh.adapters.http.ops.SyncMetrics;
import org.hivemesh.adapters.http.sync.SyncStatusStream;
import org.hivemesh.adapters.peers.discovery.CompositePeerResolver;
import org.hivemesh.adapters.peers.discovery.DiscoveryWorker;
import org.hivemesh.adapters.peers.transport.SyncWorkers;
import org.hivemesh.adapters.peers.transport.TransferThreads;
import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.sync.port.in.SyncAlertsUseCase;
import org.hivemesh.application.sync.port.in.SyncPeersUseCase;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.bootstrap.config.DataDirLock;
import org.hivemesh.bootstrap.config.DataDirectory;
import org.hivemesh.bootstrap.config.HivemeshConfig;
import org.hivemesh.bootstrap.config.TlsMaterial;
import org.hivemesh.domain.peer.PeerStatus;
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
    /** The instance ID while it serves, for the lines that say it stops. */
    private String serving;

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
        DataDirLock lock = DataDirLock.acquire(config.dataDir(), serve ? "a hivemesh server" : "a hivemesh command");
        try {
            return open(config, adminToken, serve, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static HivemeshInstance open(HivemeshConfig config, String adminToken, boolean serve, DataDirLock lock) {
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
        instance.stops.push(lock::close);
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
        HttpMetrics metrics = injector.getInstance(HttpMetrics.class);
        stops.push(metrics::close);
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
        // Popped before the server stops, so open streams end and do not hold up its graceful stop.
        stops.push(injector.getInstance(HiveStreams.class)::close);
        stops.push(injector.getInstance(SyncStatusStream.class)::close);
        injector.getInstance(BoundAddress.class).bound(http.port());

        addStaticPeers(injector.getInstance(HivemeshConfig.class), injector.getInstance(SyncPeersUseCase.class));
        SyncWorkers workers = injector.getInstance(SyncWorkers.class);
        HivemeshConfig config = injector.getInstance(HivemeshConfig.class);
        SyncAlertsUseCase alerts = injector.getInstance(SyncAlertsUseCase.class);
        if (config.alerts().webhook().isPresent()) {
            watchLag(alerts, config.sync().heartbeatInterval());
        }
        injector.getInstance(CompositePeerResolver.class).onStatusChange((peer, from, to) -> {
            if (to == PeerStatus.ERROR || to == PeerStatus.UNREACHABLE) {
                LOG.warn("peer {} ({}): {} -> {} after {} failed attempts: {}", peer.name(), peer.syncEndpoint(),
                        from.wire(), to.wire(), peer.consecutiveFailures(), peer.lastError().orElse("no error recorded"));
            } else {
                LOG.info("peer {} ({}): {} -> {}", peer.name(), peer.syncEndpoint(), from.wire(), to.wire());
            }
            workers.peerChanged(peer.peerId());
            alerts.peerStatusChanged(peer, to);
        });
        workers.start();
        stops.push(workers::close);
        if (config.discovery().usesHub()) {
            DiscoveryWorker discovery = injector.getInstance(DiscoveryWorker.class);
            discovery.start();
            stops.push(discovery::close);
        }
        serving = identity().instanceId();
        LOG.info("instance {} serving at {}", serving, baseUrl());
    }

    /** Lag is compared with alert_lag_events once per heartbeat interval, when rounds may have moved it. */
    private void watchLag(SyncAlertsUseCase alerts, java.time.Duration every) {
        ScheduledExecutorService lagWatch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hivemesh-alerts");
            t.setDaemon(true);
            return t;
        });
        lagWatch.scheduleWithFixedDelay(() -> {
            try {
                alerts.checkLag();
            } catch (RuntimeException e) {
                LOG.warn("lag alert check failed", e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        stops.push(lagWatch::shutdownNow);
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
        if (serving != null) {
            LOG.info("instance {} stopping", serving);
        }
        while (!stops.isEmpty()) {
            try {
                stops.pop().run();
            } catch (RuntimeException e) {
                LOG.warn("error while stopping", e);
            }
        }
        if (serving != null) {
            LOG.info("instance {} stopped", serving);
            serving = null;
        }
    }
}
