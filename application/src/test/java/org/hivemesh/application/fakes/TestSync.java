package org.hivemesh.application.fakes;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.agents.port.in.Scope;
import org.hivemesh.application.consent.LiberationService;
import org.hivemesh.application.content.Adoption;
import org.hivemesh.application.content.MergeAudit;
import org.hivemesh.application.content.port.in.ContentUseCases;
import org.hivemesh.application.content.port.in.HiveUseCases;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.discovery.GossipService;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.CatchUp;
import org.hivemesh.application.sync.DeferredEvents;
import org.hivemesh.application.sync.EventExchange;
import org.hivemesh.application.sync.EventIntake;
import org.hivemesh.application.sync.EventVerifier;
import org.hivemesh.application.sync.GroupAdmin;
import org.hivemesh.application.sync.HandshakeService;
import org.hivemesh.application.sync.Handshakes;
import org.hivemesh.application.sync.Heartbeats;
import org.hivemesh.application.sync.IntakeSettings;
import org.hivemesh.application.sync.JoinAttempts;
import org.hivemesh.application.sync.PeerAdmin;
import org.hivemesh.application.sync.PeerGroups;
import org.hivemesh.application.sync.PeerRounds;
import org.hivemesh.application.sync.Push;
import org.hivemesh.application.sync.SyncStatuses;
import org.hivemesh.application.sync.SyncTokens;
import org.hivemesh.application.sync.TransferSettings;
import org.hivemesh.application.sync.port.in.JoinResult;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.application.sync.port.in.SyncPeersUseCase;
import org.hivemesh.application.sync.port.out.GroupCadence;
import org.hivemesh.application.sync.port.out.OwnEndpoint;
import org.hivemesh.application.sync.port.out.PeerResolver;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncSignals;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.peer.GossipRules;

/**
 * One instance's sync services wired on the fakes of a {@link TestApplication}, as bootstrap's SyncModule wires them
 * on real adapters, listening at {@code http://<name>.test/sync/v1} on an in-memory network. Its {@link #consent} is
 * real too, so governed groups ({@code consent: roster}) hold joins and oversight merges for approval; the merge
 * cadence is a stub a test switches. Transfers run on the calling thread, so a test sees every step in order.
 */
public final class TestSync {
    /** What a test may tune; {@link #defaults()} are the shipped defaults except small transfer pages. */
    public record Settings(IntakeSettings intake, TransferSettings transfer, HandshakeService.Settings handshakes,
                           GossipService.Settings gossip, TestConsent.Settings consent) {
        public static Settings defaults() {
            return new Settings(new IntakeSettings(IntakeSettings.DEFAULT_MAX_CLOCK_AHEAD, IntakeSettings.DEFAULT_MAX_DEFERRED),
                    new TransferSettings(50, 50), new HandshakeService.Settings(
                    HandshakeService.Settings.DEFAULT_SYNC_TOKEN_TTL, HandshakeService.Settings.DEFAULT_MAX_PEERS_PER_GROUP),
                    new GossipService.Settings(true, new GossipRules.Settings(2, 1, 50), 3), TestConsent.Settings.defaults());
        }

        public Settings with(IntakeSettings intake) {
            return new Settings(intake, transfer, handshakes, gossip, consent);
        }

        public Settings with(TransferSettings transfer) {
            return new Settings(intake, transfer, handshakes, gossip, consent);
        }

        public Settings with(HandshakeService.Settings handshakes) {
            return new Settings(intake, transfer, handshakes, gossip, consent);
        }

        public Settings with(GossipService.Settings gossip) {
            return new Settings(intake, transfer, handshakes, gossip, consent);
        }

        public Settings with(TestConsent.Settings consent) {
            return new Settings(intake, transfer, handshakes, gossip, consent);
        }
    }

    /** Every group merges continuously, unless a test makes this member refuse pushes (a nightly cadence). */
    public static final class Cadence implements GroupCadence {
        private volatile boolean acceptsPushes = true;

        /** False: pushes are refused as {@code cadence_deferred}, as on a member that merges nightly. */
        public void acceptPushes(boolean accept) {
            acceptsPushes = accept;
        }

        @Override
        public boolean due(String groupId) {
            return true;
        }

        @Override
        public void merged(String groupId) {
        }

        @Override
        public boolean acceptsPushes(String groupId) {
            return acceptsPushes;
        }

        @Override
        public String mode(String groupId) {
            return acceptsPushes ? "continuous" : "nightly";
        }
    }

    /** Records which peers were signalled as changed, in order. */
    public static final class Signals implements SyncSignals {
        public final List<String> peersChanged = new CopyOnWriteArrayList<>();

        @Override
        public void eventsStored(String groupId) {
        }

        @Override
        public void peerChanged(String peerId) {
            peersChanged.add(peerId);
        }
    }

    public final String name;
    public final String endpoint;
    public final TestApplication app = new TestApplication();
    public final SyncStore sync = app.stores.sync();
    public final InMemoryPeerTransport transport;
    public final TestConsent consent;
    public final Cadence cadence = new Cadence();
    public final Signals signals = new Signals();
    public final EventVerifier verifier;
    public final EventIntake intake;
    public final DeferredEvents deferred;
    public final EventExchange exchange;
    public final Push push;
    public final CatchUp catchUp;
    public final Handshakes handshakes;
    public final HandshakeService handshakeService;
    public final SyncTokens tokens;
    public final SyncStatuses statuses;
    public final LiberationService liberation;
    public final PeerGroups peerGroups;
    public final GossipService gossip;
    public final Heartbeats heartbeats;
    public final GroupAdmin groups;
    public final PeerAdmin peers;
    public final PeerRounds rounds;
    /** What answers at {@link #endpoint}; a test may put it up at another endpoint too. */
    public final InMemoryPeerTransport.Listener listener;
    private final Principal owner;

    public TestSync(String name, InMemoryPeerTransport.Network network) {
        this(name, network, Settings.defaults());
    }

    public TestSync(String name, InMemoryPeerTransport.Network network, Settings settings) {
        this.name = name;
        this.endpoint = "http://" + name + ".test/sync/v1";
        this.owner = app.agent("owner-" + name, Scope.READ_WRITE);
        EventStore events = app.stores.events();
        Transactions tx = app.stores.transactions();
        Executor inline = Runnable::run;
        OwnEndpoint own = () -> Optional.of(endpoint);
        transport = new InMemoryPeerTransport(network, app.identity.instanceId());
        MergeAudit merges = new MergeAudit(app.stores.state(), app.audit);
        consent = new TestConsent(app, transport, merges, settings.consent());
        verifier = new EventVerifier(sync, events, app.signatures, app.identity, settings.intake());
        intake = new EventIntake(sync, app.writer, app.access, verifier, app.hlc, tx, app.clock, app.identity,
                consent.staging, settings.intake());
        deferred = new DeferredEvents(sync, app.access, verifier, intake, tx, app.clock);
        exchange = new EventExchange(sync, events, verifier, intake, cadence, merges);
        push = new Push(sync, events, verifier, transport, app.clock, inline, settings.transfer());
        catchUp = new CatchUp(sync, events, intake, transport, merges, app.clock, app.identity, inline,
                settings.transfer());
        handshakes = new Handshakes(sync, app.stores.hives(), transport, tx, app.audit, app.ids, app.clock, app.identity,
                own, signals, settings.handshakes(), new Adoption(events, app.writer, app.stores.hives(), app.audit,
                app.identity), consent.oversight);
        handshakeService = new HandshakeService(sync, app.stores.hives(), events, transport, consent.admission, tx,
                app.audit,
                app.clock, app.ids, app.identity, signals, settings.handshakes(), consent.oversight);
        tokens = new SyncTokens(sync, app.clock);
        statuses = new SyncStatuses(sync, events, app.stores.state(), app.clock,
                new SyncStatuses.Settings(Duration.ofMinutes(5)), consent.rosters, cadence, consent.oversight);
        liberation = new LiberationService(sync, app.access, app.stores.hives(), events, app.writer, consent.admission,
                statuses, tx, app.audit, app.clock, app.ids, app.identity, consent.oversight);
        peerGroups = new PeerGroups(sync, statuses, tx, app.audit);
        gossip = new GossipService(sync, app.clock, app.ids, app.identity, own, signals, settings.gossip());
        heartbeats = new Heartbeats(sync, events, transport, gossip, signals, app.clock, app.identity);
        groups = new GroupAdmin(sync, app.access, events, statuses, consent.admission, tx, app.audit, app.clock, signals,
                app.identity, consent.oversight);
        peers = new PeerAdmin(sync, new JoinAttempts(sync, handshakes, app.clock), statuses, transport, hive -> {
        }, tx, app.audit, app.clock, app.ids, signals, app.identity);
        rounds = new PeerRounds(sync, new JoinAttempts(sync, handshakes, app.clock), push, catchUp, cadence, consent.messages, consent.staging,
                resolver(sync), gossip,
                app.clock, app.identity);
        listener = new InMemoryPeerTransport.Listener(new PeerTransport.Identity(id(), app.identity.publicKeyHex(),
                endpoint), handshakeService, tokens, exchange, peerGroups, heartbeats, consent.protocol, consent.protocol);
        network.listen(endpoint, listener);
    }

    private static PeerResolver resolver(SyncStore sync) {
        return new PeerResolver() {
            @Override
            public List<PeerRecord> allPeers() {
                return sync.peers();
            }

            @Override
            public List<PeerRecord> peersForGroup(String groupId) {
                return sync.linksOfGroup(groupId).stream().flatMap(l -> sync.peer(l.peerId()).stream()).toList();
            }

            @Override
            public boolean isOnline(String peerId) {
                return true;
            }
        };
    }

    public String id() {
        return app.identity.instanceId();
    }

    /** This instance's agent creates {@code hive} and shares it in an open group; returns the group's ID. */
    public String share(String hive) {
        return share(hive, Consent.OPEN);
    }

    /** As {@link #share(String)}, in a governed group whose roster starts with this instance, its owner. */
    public String govern(String hive) {
        return share(hive, Consent.ROSTER);
    }

    private String share(String hive, Consent mode) {
        app.hives.createHive(owner, new HiveUseCases.CreateHiveCommand(hive, null));
        return groups.createGroup(new SyncGroupsUseCase.CreateGroupCommand(hive, mode, Optional.empty())).group().groupId();
    }

    /** {@code count} posts by this instance's agent, written locally. */
    public void post(String hive, int count) {
        for (int i = 0; i < count; i++) {
            app.content.createPost(owner, new ContentUseCases.CreatePostCommand(hive, name + " post " + i,
                    Optional.empty(), Optional.empty()));
        }
    }

    /** One post by this instance's agent, written locally; returns its ID. */
    public String post(String hive, String title) {
        return app.content.createPost(owner, new ContentUseCases.CreatePostCommand(hive, title, Optional.empty(),
                Optional.empty())).postId();
    }

    /** This instance's agent deletes one of its posts. */
    public void deletePost(String postId) {
        app.content.deletePost(owner, postId);
    }

    /** Joins {@code hive} through {@code via} as the admin would: a handshake, no events moved yet. */
    public JoinResult join(TestSync via, String hive) {
        return peers.join(new SyncPeersUseCase.JoinCommand(via.endpoint, hive));
    }

    /** This instance's entry for {@code other}, once a handshake has made one. */
    public PeerRecord peerOf(TestSync other) {
        return sync.peerByInstance(other.id()).orElseThrow();
    }

    public SyncStore.PeerLink linkWith(TestSync other, String groupId) {
        return sync.findLink(peerOf(other).peerId(), groupId).orElseThrow();
    }

    public long count(String groupId) {
        return app.stores.events().count(groupId);
    }

    public String digest(String groupId) {
        return app.stores.state().stateDigest(groupId);
    }
}
