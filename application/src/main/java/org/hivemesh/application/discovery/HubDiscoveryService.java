package org.hivemesh.application.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * goes on while the hub is down. A manual entry is never overwritten; a gossip entry becomes a hub entry.
 */
public final class HubDiscoveryService implements PeerDiscoveryUseCases, PeerFinder {
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
        List<HubUseCases.SwarmPeer> peers = client.peers(hubUrl, registration.swarmId(), registration.token());
        for (HubUseCases.SwarmPeer peer : peers) {
            if (adopt(peer, localHives)) {
                added++;
            }
        }
        return new Refresh(peers.size(), added);
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
