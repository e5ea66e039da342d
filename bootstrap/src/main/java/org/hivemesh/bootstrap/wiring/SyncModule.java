package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import java.time.Duration;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.ops.HttpMetrics;
import org.hivemesh.adapters.http.ops.SyncMetrics;
import org.hivemesh.adapters.http.sync.ConsentRoutes;
import org.hivemesh.adapters.http.sync.SyncAdminRoutes;
import org.hivemesh.adapters.http.sync.SyncRoutes;
import org.hivemesh.adapters.peers.transport.HttpPeerTransport;
import org.hivemesh.adapters.peers.transport.SyncWorkers;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.consent.CadenceService;
import org.hivemesh.application.consent.ConsentService;
import org.hivemesh.application.consent.MergePlanner;
import org.hivemesh.application.consent.port.in.ConsentUseCases;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.content.EventWriter;
import org.hivemesh.application.content.HiveAccess;
import org.hivemesh.application.content.RefusedEventsService;
import org.hivemesh.application.content.port.in.RefusedEventsUseCase;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.discovery.GossipService;
import org.hivemesh.application.discovery.port.in.PeerDiscoveryUseCases;
import org.hivemesh.application.portability.PortabilityService;
import org.hivemesh.application.portability.port.in.PortabilityUseCases;
import org.hivemesh.application.shared.AdminAuthenticator;
import org.hivemesh.application.shared.HybridClock;
import org.hivemesh.application.shared.port.out.AuditLog;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.EventIntake;
import org.hivemesh.application.sync.Handshakes;
import org.hivemesh.application.sync.PeerProtocolService;
import org.hivemesh.application.sync.PeerRequestVerifier;
import org.hivemesh.application.sync.PeerSyncService;
import org.hivemesh.application.sync.SyncAdminService;
import org.hivemesh.application.sync.SyncStatuses;
import org.hivemesh.application.sync.port.in.PeerProtocolUseCases;
import org.hivemesh.application.sync.port.in.PeerRequestAuthentication;
import org.hivemesh.application.sync.port.in.PeerSyncUseCases;
import org.hivemesh.application.sync.port.in.SyncAdminUseCases;
import org.hivemesh.application.sync.port.out.PeerResolver;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncSignals;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.bootstrap.config.HivemeshConfig;
import org.hivemesh.bootstrap.config.TlsMaterial;
import org.hivemesh.domain.consent.OversightPolicy;
import org.hivemesh.domain.peer.GossipRules;

/** Mesh sync: the peer protocol, its administration, the HTTP transport to peers and the workers. */
public final class SyncModule extends AbstractModule {
    @Provides
    @Singleton
    PeerTransport transport(TlsMaterial tls, InstanceIdentity self, Signatures signatures, Clock clock) {
        return new HttpPeerTransport(Duration.ofSeconds(5), Duration.ofSeconds(60), tls.peers(), self, signatures, clock);
    }

    /** The workers are also the signals: a stored event or a changed peer wakes them. */
    @Provides
    @Singleton
    SyncWorkers workers(Provider<PeerSyncUseCases> sync, HivemeshConfig config) {
        HivemeshConfig.Sync s = config.sync();
        return new SyncWorkers(sync::get, new SyncWorkers.Settings(s.heartbeatInterval(), s.backoffMin(), s.backoffMax(), 4));
    }

    @Provides
    @Singleton
    SyncSignals signals(SyncWorkers workers) {
        return workers;
    }

    @Provides
    @Singleton
    EventIntake intake(SyncStore sync, EventWriter writer, HiveAccess access, Signatures signatures, HybridClock hlc,
                       Transactions transactions, Clock clock, InstanceIdentity self, MergePlanner planner,
                       ConsentService consent, HivemeshConfig config) {
        HivemeshConfig.Trust t = config.trust();
        return new EventIntake(sync, writer, access, signatures, hlc, transactions, clock, self, planner, consent,
                new EventIntake.Settings(t.maxClockAhead(), t.maxDeferredPerPeer()));
    }

    @Provides
    @Singleton
    MergePlanner planner(EventStore events, StateStore state, HivemeshConfig config) {
        HivemeshConfig.Consent c = config.consent();
        return new MergePlanner(events, state, new OversightPolicy(c.oversightMaxDeletes(), c.oversightOnModeration(),
                c.oversightOnContradiction()));
    }

    @Provides
    @Singleton
    Handshakes handshakes(SyncStore sync, HiveStore hives, PeerTransport transport, Transactions transactions,
                          AuditLog audit, Clock clock, InstanceIdentity self, BoundAddress address, SyncSignals signals,
                          HivemeshConfig config) {
        return new Handshakes(sync, hives, transport, transactions, audit, clock, self,
                address::syncEndpoint, signals, config.trust().syncTokenTtl());
    }

    @Provides
    @Singleton
    PeerRequestAuthentication peerRequests(SyncStore sync, InstanceIdentity self, Signatures signatures, Clock clock,
                                           HivemeshConfig config) {
        return new PeerRequestVerifier(sync, self, signatures, clock, new PeerRequestVerifier.Settings(
                config.trust().peerRequestMaxAge(), PeerRequestVerifier.Settings.DEFAULT_REPLAY_CAPACITY));
    }

    @Provides
    @Singleton
    RefusedEventsUseCase refused(HiveAccess access, StateStore state) {
        return new RefusedEventsService(access, state);
    }

    @Provides
    @Singleton
    SyncStatuses statuses(SyncStore sync, EventStore events, StateStore state, Clock clock, HivemeshConfig config,
                          ConsentStore consent) {
        return new SyncStatuses(sync, events, state, clock, config.sync().peerTimeout(), consent);
    }

    @Provides
    @Singleton
    ConsentService consent(ConsentStore store, SyncStore sync, EventStore events, StateStore state,
                           Transactions transactions, AuditLog audit, Clock clock, InstanceIdentity self,
                           HivemeshConfig config, PeerTransport transport, Signatures signatures, CadenceService cadence,
                           EventWriter writer, HiveStore hives) {
        return new ConsentService(store, sync, events, state, transactions, audit, clock, self,
                config.consent().pruneAfter(), config.consent().oversightOnJoin(), transport, signatures, cadence,
                writer, hives);
    }

    @Provides
    @Singleton
    ConsentUseCases consentUseCases(ConsentService service) {
        return service;
    }

    @ProvidesIntoSet
    HttpRoutes consentRoutes(ConsentUseCases consent, AdminAuthenticator admin, AgentUseCases agents) {
        return new ConsentRoutes(consent, admin, agents);
    }

    @Provides
    @Singleton
    SyncAdminUseCases admin(SyncStore sync, HiveAccess access, EventStore events, Handshakes handshakes,
                            SyncStatuses statuses, PeerTransport transport, Transactions transactions, AuditLog audit,
                            Clock clock, InstanceIdentity self, SyncSignals signals, PeerDiscoveryUseCases discovery,
                            HiveStore hives, EventWriter writer, ConsentService consent) {
        return new SyncAdminService(sync, access, events, handshakes, statuses, transport, transactions, audit, clock,
                self, signals, discovery, hives, writer, consent);
    }

    @Provides
    @Singleton
    PeerProtocolUseCases protocol(SyncStore sync, HiveAccess access, EventStore events, EventIntake intake,
                                  SyncStatuses statuses, Transactions transactions, AuditLog audit, Clock clock,
                                  InstanceIdentity self, SyncSignals signals, GossipService gossip, ConsentService consent,
                                  CadenceService cadence, PeerTransport transport, HivemeshConfig config) {
        return new PeerProtocolService(sync, access, events, intake, statuses, transactions, audit, clock, self, signals,
                gossip, consent, cadence, transport, new PeerProtocolService.Settings(config.trust().syncTokenTtl(),
                        config.trust().maxPeersPerGroup()));
    }

    @Provides
    @Singleton
    PeerSyncUseCases peerSync(SyncStore sync, EventStore events, EventIntake intake, Handshakes handshakes,
                              PeerTransport transport, Clock clock, InstanceIdentity self, HivemeshConfig config,
                              GossipService gossip, PeerResolver resolver, StateStore state, AuditLog audit,
                              CadenceService cadence, ConsentService consent) {
        return new PeerSyncService(sync, events, intake, handshakes, transport, clock, self, config.sync().pushBatch(),
                config.sync().pullPage(), gossip, resolver, state, audit, cadence, consent);
    }

    @Provides
    @Singleton
    GossipService gossip(SyncStore sync, Clock clock, InstanceIdentity self, BoundAddress address, SyncSignals signals,
                         HivemeshConfig config) {
        HivemeshConfig.Discovery d = config.discovery();
        return new GossipService(sync, clock, self, address::syncEndpoint, signals, new GossipService.Settings(d.gossip(),
                new GossipRules.Settings(d.defaultTtl(), d.hubPeerTtl(), d.maxGossipPeers()), d.maxFailures()));
    }

    /** Registers the sync gauges with /metrics; the instance builds it at start. */
    @Provides
    @Singleton
    SyncMetrics syncMetrics(SyncAdminUseCases sync, HttpMetrics metrics) {
        return new SyncMetrics(sync, metrics);
    }

    @Provides
    @Singleton
    PortabilityUseCases portability(HiveStore hives, HiveAccess access, EventStore events, StateStore state,
                                    SyncStore sync, EventIntake intake, EventWriter writer, Transactions transactions,
                                    AuditLog audit, Clock clock) {
        return new PortabilityService(hives, access, events, state, sync, intake, writer, transactions, audit, clock);
    }

    @ProvidesIntoSet
    HttpRoutes syncRoutes(PeerProtocolUseCases protocol, PeerRequestAuthentication authentication, HivemeshConfig config) {
        return new SyncRoutes(protocol, authentication, new SyncRoutes.Settings(config.sync().inboundRate(),
                config.trust().handshakeRate(), config.trust().syncAllowCidrs()));
    }

    @ProvidesIntoSet
    HttpRoutes syncAdminRoutes(SyncAdminUseCases sync, PortabilityUseCases portability, AdminAuthenticator admin,
                               RefusedEventsUseCase refused) {
        return new SyncAdminRoutes(sync, portability, admin, refused);
    }
}
