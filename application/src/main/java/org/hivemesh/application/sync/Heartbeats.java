package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.sync.port.in.HeartbeatUseCase;
import org.hivemesh.application.sync.port.out.PeerGossip;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncSignals;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.Heartbeat;
import org.hivemesh.domain.peer.PeerStatus;

/** Heartbeats both ways: liveness, each shared group's seq (lag) and gossip about other peers. */
public final class Heartbeats implements HeartbeatUseCase {
    private final SyncStore sync;
    private final EventStore events;
    private final PeerTransport transport;
    private final PeerGossip gossip;
    private final SyncSignals signals;
    private final Clock clock;
    private final InstanceIdentity self;

    @Inject
    public Heartbeats(SyncStore sync, EventStore events, PeerTransport transport, PeerGossip gossip, SyncSignals signals,
                      Clock clock, InstanceIdentity self) {
        this.sync = sync;
        this.events = events;
        this.transport = transport;
        this.gossip = gossip;
        this.signals = signals;
        this.clock = clock;
        this.self = self;
    }

    @Override
    public Heartbeat receive(PeerRecord peer, Heartbeat beat) {
        if (!peer.instanceId().map(id -> id.equals(beat.instanceId())).orElse(false)) {
            throw HivemeshException.forbidden("heartbeat instance_id does not match this sync token's peer");
        }
        Map<String, Long> ours = new LinkedHashMap<>();
        for (PeerLink link : sync.links(peer.peerId())) {
            Long theirs = beat.seqByGroup().get(link.groupId());
            if (theirs != null && theirs != link.cursor().remote()) {
                sync.updateLink(link.with(link.cursor().remoteAt(theirs), link.lastSync()));
                if (theirs > link.cursor().received()) {
                    signals.peerChanged(peer.peerId());
                }
            }
            ours.put(link.groupId(), events.currentSeq(link.groupId()));
        }
        gossip.learn(peer, beat.knownPeers());
        return new Heartbeat(self.instanceId(), ours, gossip.forPeer(peer));
    }

    @Override
    public void sendTo(String peerId) {
        PeerRecord peer = sync.peer(peerId).orElseThrow(() -> HivemeshException.notFound("peer", peerId));
        if (peer.outboundToken().isEmpty()) {
            return;
        }
        Map<String, Long> ours = new LinkedHashMap<>();
        List<PeerLink> links = sync.links(peerId);
        links.forEach(l -> ours.put(l.groupId(), events.currentSeq(l.groupId())));
        Heartbeat reply = transport.heartbeat(peer.address(), peer.outboundToken().get(),
                new Heartbeat(self.instanceId(), ours, gossip.forPeer(peer)));
        for (PeerLink link : links) {
            Long theirs = reply.seqByGroup().get(link.groupId());
            if (theirs != null) {
                sync.updateLink(link.with(link.cursor().remoteAt(theirs), link.lastSync()));
            }
        }
        sync.recordContact(peerId, PeerStatus.ACTIVE, 0, Optional.of(clock.now()), Optional.empty());
        gossip.learn(peer, reply.knownPeers());
    }
}
