package org.hivemesh.application.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.hivemesh.application.discovery.port.in.PeerDiscoveryUseCases;
import org.hivemesh.application.discovery.port.out.HubClient;
import org.hivemesh.application.hub.port.in.HubUseCases;
import org.hivemesh.application.hub.port.out.HubStore;
import org.hivemesh.application.hub.port.out.HubStore.ClientRegistration;
import org.hivemesh.application.shared.Secrets;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdGenerator;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.sync.port.out.OwnEndpoint;
import org.hivemesh.application.sync.port.out.PeerFinder;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncSignals;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.hivemesh.domain.peer.SyncEndpoint;

/**
 * Hub-assisted discovery: peers the hub knows are cached in the local peer table ({@code source = hub}), so sync
 * goes on while the hub is down. A manual entry is never overwritten; a gossip entry becomes a hub entry. What the hub
 * no longer reports goes again, from hub entries only: a hive the peer left on the hub is no longer synced with it,
 * and a peer the hub reports stale, or no longer reports, is removed. A failed hub call removes nothing.
 */
public final class HubDiscoveryService implements PeerDiscoveryUseCases, PeerFinder {
    private static final System.Logger LOG = System.getLogger(HubDiscoveryService.class.getName());

    private final String hubUrl;
    private final String registrationKey;
    private final HubClient client;
    private final HubStore hubStore;
    private final SyncStore sync;
    private final InstanceIdentity self;
    private final OwnEndpoint ownEndpoint;
    private final String name;
    private final Clock clock;
    private final IdGenerator ids;
    private final SyncSignals signals;
    /** The hub's membership version at the last refresh; empty before one, or from a hub without versions. */
    private volatile OptionalLong seenVersion = OptionalLong.empty();

    public HubDiscoveryService(String hubUrl, String registrationKey, HubClient client, HubStore hubStore, SyncStore sync,
                               InstanceIdentity self, OwnEndpoint ownEndpoint, String name, Clock clock, IdGenerator ids,
                               SyncSignals signals) {
        this.hubUrl = hubUrl.replaceAll("/+$", "");
        this.registrationKey = registrationKey;
        this.client = client;
        this.hubStore = hubStore;
        this.sync = sync;
        this.self = self;
        this.ownEndpoint = ownEndpoint;
        this.name = name;
        this.clock = clock;
        this.ids = ids;
        this.signals = signals;
    }

    private ClientRegistration register() {
        HubUseCases.Registered registered = client.register(hubUrl, registrationKey, new HubUseCases.RegisterSwarm(name,
                self.instanceId(), self.publicKeyHex(), ownEndpoint.syncEndpoint().orElseThrow(), HubUseCases.REQUIRED_CAPABILITIES));
        ClientRegistration registration = new ClientRegistration(hubUrl, registered.swarmId(), registered.token());
        hubStore.saveClientRegistration(registration);
        return registration;
    }

    /** The registration at the hub, registering again if the hub no longer knows this instance's token. */
    private ClientRegistration registration() {
        ClientRegistration registration = hubStore.clientRegistration(hubUrl).orElseGet(this::register);
        try {
            client.heartbeat(hubUrl, registration.swarmId(), registration.token());
            return registration;
        } catch (PeerTransport.PeerRefused forgotten) {
            hubStore.deleteClientRegistration(hubUrl);
            return register();
        }
    }

    /** Serialized: the discovery worker and an admin's join must not register twice and void each other's token. */
    @Override
    public synchronized Refresh refresh() {
        ClientRegistration registration = registration();
        Set<String> localHives = sync.groups().stream().map(SyncGroup::hiveName).collect(Collectors.toSet());
        for (String hive : localHives) {
            client.joinHive(hubUrl, registration.swarmId(), registration.token(), hive);
        }
        int added = 0;
        HubClient.Peers answer = client.peers(hubUrl, registration.swarmId(), registration.token(), OptionalLong.empty(),
                Duration.ZERO);
        List<HubUseCases.SwarmPeer> peers = answer.peers();
        seenVersion = answer.version();
        List<HubUseCases.SwarmPeer> live = peers.stream().filter(p -> !p.stale()).toList();
        for (HubUseCases.SwarmPeer peer : live) {
            if (adopt(peer, localHives)) {
                added++;
            }
        }
        forgetWhatTheHubNoLongerReports(live);
        return new Refresh(peers.size(), added);
    }

    private void forgetWhatTheHubNoLongerReports(List<HubUseCases.SwarmPeer> live) {
        String via = "hub " + hubUrl;
        for (PeerRecord known : sync.peers()) {
            if (known.source() != PeerSource.HUB || !known.discoveredVia().equals(via)) {
                continue;
            }
            List<String> reported = live.stream().filter(p -> known.instanceId().map(p.instanceId()::equals)
                    .orElse(SyncEndpoint.of(p.syncEndpoint()).value().equals(known.syncEndpoint())))
                    .flatMap(p -> p.sharedHives().stream()).distinct().toList();
            List<String> kept = known.sharedHives().stream().filter(reported::contains).toList();
            if (kept.equals(known.sharedHives())) {
                continue;
            }
            for (String left : known.sharedHives()) {
                if (!kept.contains(left)) {
                    sync.groupByHive(left).ifPresent(g -> sync.unlink(known.peerId(), g.groupId()));
                }
            }
            if (kept.isEmpty()) {
                sync.deletePeer(known.peerId());
                LOG.log(System.Logger.Level.INFO, "peer {0} removed: {1} no longer reports it", known.name(), via);
            } else {
                sync.savePeer(new PeerRecord(known.peerId(), known.name(), known.syncEndpoint(), known.instanceId(),
                        known.signingKey(), known.outboundToken(), known.source(), known.status(),
                        known.consecutiveFailures(), known.lastSeen(), known.lastError(), kept, known.createdAt(),
                        known.learnedTtl(), known.discoveredVia()));
                LOG.log(System.Logger.Level.INFO, "peer {0} no longer syncs {1}: it left them on {2}", known.name(),
                        known.sharedHives().stream().filter(h -> !kept.contains(h)).toList(), via);
            }
            signals.peerChanged(known.peerId());
        }
    }

    /** Not serialized with refresh: waiting must not hold up an admin's join. */
    @Override
    public boolean awaitChange(Duration max) {
        OptionalLong seen = seenVersion;
        Optional<ClientRegistration> registration = hubStore.clientRegistration(hubUrl);
        if (seen.isEmpty() || registration.isEmpty()) {
            return false;
        }
        Duration wait = max.compareTo(HubUseCases.MAX_PEERS_WAIT) > 0 ? HubUseCases.MAX_PEERS_WAIT : max;
        OptionalLong now = client.peers(hubUrl, registration.get().swarmId(), registration.get().token(), seen, wait)
                .version();
        return now.isPresent() && now.getAsLong() != seen.getAsLong();
    }

    @Override
    public synchronized void lookFor(String hiveName) {
        org.hivemesh.domain.event.Ids.require("hive_name", hiveName);
        ClientRegistration registration = registration();
        client.joinHive(hubUrl, registration.swarmId(), registration.token(), hiveName);
        refresh();
    }

    private boolean adopt(HubUseCases.SwarmPeer peer, Set<String> localHives) {
        if (peer.instanceId().equals(self.instanceId())) {
            return false;
        }
        String endpoint = SyncEndpoint.of(peer.syncEndpoint()).value();
        // The hub reports only hives this instance joined there, whether or not it holds them yet.
        List<String> hives = peer.sharedHives();
        if (hives.isEmpty()) {
            return false;
        }
        Optional<PeerRecord> existing = sync.peerByEndpoint(endpoint).or(() -> sync.peerByInstance(peer.instanceId()));
        String via = "hub " + hubUrl;
        if (existing.isPresent()) {
            PeerRecord known = existing.get();
            if (!PeerSource.HUB.mayReplace(known.source())) {
                return false;
            }
            List<String> union = new ArrayList<>(known.sharedHives());
            hives.stream().filter(h -> !union.contains(h)).forEach(union::add);
            if (known.source() == PeerSource.HUB && union.equals(known.sharedHives())) {
                return false;
            }
            sync.savePeer(new PeerRecord(known.peerId(), peer.name(), known.syncEndpoint(), known.instanceId(),
                    known.signingKey(), known.outboundToken(), PeerSource.HUB, known.status(), known.consecutiveFailures(),
                    known.lastSeen(), known.lastError(), union, known.createdAt(), 0, via));
            signals.peerChanged(known.peerId());
            return false;
        }
        PeerRecord added = new PeerRecord(ids.id("peer_"), peer.name(), endpoint, Optional.empty(), Optional.empty(),
                Optional.empty(), PeerSource.HUB, PeerStatus.PENDING, 0, Optional.empty(), Optional.empty(), hives,
                clock.now(), 0, via);
        sync.savePeer(added);
        signals.peerChanged(added.peerId());
        return true;
    }
}
