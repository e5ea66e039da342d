package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.peers.alerts.WebhookAlerts;
import org.hivemesh.adapters.http.ops.HttpMetrics;
import org.hivemesh.adapters.http.ops.SyncCounters;
import org.hivemesh.adapters.http.ops.SyncMetrics;
import org.hivemesh.adapters.http.sync.SyncAdminRoutes;
import org.hivemesh.adapters.http.sync.SyncRoutes;
import org.hivemesh.adapters.http.sync.StatusChanges;
import org.hivemesh.adapters.http.sync.SyncStatusStream;
import org.hivemesh.adapters.peers.transport.HttpPeerTransport;
import org.hivemesh.adapters.peers.transport.SyncWorkers;
import org.hivemesh.adapters.peers.transport.TransferThreads;
import org.hivemesh.application.consent.port.in.ConsentProtocolUseCases;
import org.hivemesh.application.consent.port.in.LiberationUseCase;
import org.hivemesh.application.consent.port.in.RosterProtocolUseCase;
import org.hivemesh.application.content.port.in.RefusedEventsUseCase;
import org.hivemesh.application.portability.port.in.AdoptionUseCase;
import org.hivemesh.application.portability.port.in.PortabilityUseCases;
import org.hivemesh.application.shared.port.in.AdminAuthentication;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.sync.CatchUp;
import org.hivemesh.application.sync.DeferredEvents;
import org.hivemesh.application.sync.EventExchange;
import org.hivemesh.application.sync.EventIntake;
import org.hivemesh.application.sync.EventVerifier;
import org.hivemesh.application.sync.GroupAdmin;
import org.hivemesh.application.sync.GroupOversight;
import org.hivemesh.application.sync.HandshakeService;
import org.hivemesh.application.sync.Handshakes;
import org.hivemesh.application.sync.Heartbeats;
import org.hivemesh.application.sync.IntakeSettings;
import org.hivemesh.application.sync.PeerAdmin;
import org.hivemesh.application.sync.PeerGroups;
import org.hivemesh.application.sync.PeerRequestVerifier;
import org.hivemesh.application.sync.PeerRounds;
import org.hivemesh.application.sync.Push;
import org.hivemesh.application.sync.SyncAlerts;
import org.hivemesh.application.sync.SyncStatuses;
import org.hivemesh.application.sync.SyncTokens;
import org.hivemesh.application.sync.TransferSettings;
import org.hivemesh.application.sync.port.in.DeferredEventsUseCase;
import org.hivemesh.application.sync.port.in.EventExchangeUseCase;
import org.hivemesh.application.sync.port.in.HandshakeUseCase;
import org.hivemesh.application.sync.port.in.HeartbeatUseCase;
import org.hivemesh.application.sync.port.in.PeerGroupUseCase;
import org.hivemesh.application.sync.port.in.PeerRequestAuthentication;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.application.sync.port.in.SyncAlertsUseCase;
import org.hivemesh.application.sync.port.in.SyncPeersUseCase;
import org.hivemesh.application.sync.port.in.SyncTokenAuthentication;
import org.hivemesh.application.sync.port.out.AlertSink;
import org.hivemesh.application.sync.port.out.OwnEndpoint;
import org.hivemesh.application.sync.port.out.PeerSchedule;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncSignals;
import org.hivemesh.application.sync.port.out.SyncTelemetry;
import org.hivemesh.bootstrap.config.HivemeshConfig;
import org.hivemesh.bootstrap.config.TlsMaterial;

/** Mesh sync: the peer protocol, its administration, the HTTP transport to peers and the workers. */
public final class SyncModule extends AbstractModule {
    @Override
    protected void configure() {
        Services services = new Services(binder());
        services.single(EventVerifier.class, EventIntake.class, Handshakes.class, Push.class, CatchUp.class,
                SyncStatuses.class, GroupOversight.class);
        services.bind(PeerRequestVerifier.class, PeerRequestAuthentication.class);
        services.bind(SyncTokens.class, SyncTokenAuthentication.class);
        services.bind(HandshakeService.class, HandshakeUseCase.class);
        services.bind(EventExchange.class, EventExchangeUseCase.class);
        services.bind(PeerGroups.class, PeerGroupUseCase.class);
        services.bind(Heartbeats.class, HeartbeatUseCase.class);
        services.bind(PeerRounds.class, PeerRoundUseCase.class);
        services.bind(DeferredEvents.class, DeferredEventsUseCase.class);
        services.bind(GroupAdmin.class, SyncGroupsUseCase.class);
        services.bind(PeerAdmin.class, SyncPeersUseCase.class);
        bind(Executor.class).to(TransferThreads.class);
        bind(TransferThreads.class).in(Singleton.class);
    }

    @Provides
    IntakeSettings intake(HivemeshConfig config) {
        return new IntakeSettings(config.trust().maxClockAhead(), config.trust().maxDeferredPerPeer());
    }

    @Provides
    HandshakeService.Settings handshakes(HivemeshConfig config) {
        return new HandshakeService.Settings(config.trust().syncTokenTtl(), config.trust().maxPeersPerGroup());
    }

    @Provides
    TransferSettings transfers(HivemeshConfig config) {
        return new TransferSettings(config.sync().pushBatch(), config.sync().pullPage());
    }

    @Provides
    SyncStatuses.Settings statuses(HivemeshConfig config) {
        return new SyncStatuses.Settings(config.sync().peerTimeout());
    }

    @Provides
    PeerRequestVerifier.Settings peerRequests(HivemeshConfig config) {
        return new PeerRequestVerifier.Settings(config.trust().peerRequestMaxAge(),
                PeerRequestVerifier.Settings.DEFAULT_REPLAY_CAPACITY);
    }

    /** Known once the server has bound; a local store serves nothing and has none. */
    @Provides
    OwnEndpoint ownEndpoint(BoundAddress address) {
        return () -> Optional.ofNullable(address.syncEndpoint());
    }

    @Provides
    @Singleton
    PeerTransport transport(TlsMaterial tls, InstanceIdentity self, Signatures signatures, Clock clock) {
        return new HttpPeerTransport(Duration.ofSeconds(5), Duration.ofSeconds(60), tls.peers(), self, signatures, clock);
    }

    /** The workers are also the signals: a stored event or a changed peer wakes them. */
    @Provides
    @Singleton
    SyncWorkers workers(Provider<PeerRoundUseCase> rounds, Provider<HeartbeatUseCase> heartbeats,
                        Provider<DeferredEventsUseCase> deferred, HivemeshConfig config, SyncTelemetry telemetry) {
        HivemeshConfig.Sync s = config.sync();
        return new SyncWorkers(() -> new SyncWorkers.Work(rounds.get(), heartbeats.get(), deferred.get()),
                new SyncWorkers.Settings(s.heartbeatInterval(), s.backoffMin(), s.backoffMax(), 4), telemetry);
    }

    /** The workers count what rounds move and where they fail on /metrics, and each round wakes the status streams. */
    @Provides
    @Singleton
    SyncTelemetry telemetry(HttpMetrics metrics, StatusChanges changes) {
        return SyncTelemetry.both(new SyncCounters(metrics), changes);
    }

    @Provides
    @Singleton
    StatusChanges statusChanges() {
        return new StatusChanges();
    }

    /** Alerts go to the operator's webhook when one is configured, nowhere otherwise. */
    @Provides
    @Singleton
    AlertSink alertSink(HivemeshConfig config) {
        return config.alerts().webhook().<AlertSink>map(WebhookAlerts::new).orElse(AlertSink.NONE);
    }

    @Provides
    @Singleton
    SyncAlertsUseCase alerts(SyncGroupsUseCase groups, AlertSink sink, Clock clock, InstanceIdentity self,
                             HivemeshConfig config) {
        return new SyncAlerts(groups, sink, clock, self, config.alerts().lagEvents());
    }

    /** The workers know when each peer is tried next; the admin API and the gauges show it. */
    @Provides
    PeerSchedule schedule(SyncWorkers workers) {
        return workers;
    }

    @Provides
    SyncSignals signals(SyncWorkers workers) {
        return workers;
    }

    /** Registers the sync gauges with /metrics; the instance builds it at start. */
    @Provides
    @Singleton
    SyncMetrics syncMetrics(SyncGroupsUseCase groups, PeerSchedule schedule, HttpMetrics metrics) {
        return new SyncMetrics(groups, schedule, metrics);
    }

    @ProvidesIntoSet
    HttpRoutes syncRoutes(PeerRequestAuthentication authentication, SyncTokenAuthentication tokens,
                          HandshakeUseCase handshake, EventExchangeUseCase exchange, PeerGroupUseCase groups,
                          HeartbeatUseCase heartbeats, ConsentProtocolUseCases consent, RosterProtocolUseCase roster,
                          HivemeshConfig config) {
        return new SyncRoutes(new SyncRoutes.UseCases(authentication, tokens, handshake, exchange, groups, heartbeats,
                consent, roster), new SyncRoutes.Settings(config.sync().inboundRate(), config.trust().handshakeRate(),
                config.trust().syncAllowCidrs()));
    }

    @Provides
    @Singleton
    SyncStatusStream statusStream(SyncGroupsUseCase groups, SyncPeersUseCase peers, PeerSchedule schedule,
                                  AdminAuthentication admin, StatusChanges changes) {
        return new SyncStatusStream(groups, peers, schedule, admin, changes, SyncStatusStream.Settings.DEFAULT);
    }

    @ProvidesIntoSet
    HttpRoutes statusStreamRoutes(SyncStatusStream stream) {
        return stream;
    }

    @ProvidesIntoSet
    HttpRoutes syncAdminRoutes(SyncGroupsUseCase groups, SyncPeersUseCase peers, LiberationUseCase liberation,
                               PortabilityUseCases portability, AdoptionUseCase adoption, RefusedEventsUseCase refused,
                               AdminAuthentication admin, PeerSchedule schedule) {
        return new SyncAdminRoutes(groups, peers, liberation, portability, adoption, refused, admin, schedule);
    }
}
