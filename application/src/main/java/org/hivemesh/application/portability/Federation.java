package org.hivemesh.application.portability;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.portability.port.in.FederationUseCase;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdGenerator;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.sync.CatchUp;
import org.hivemesh.application.sync.EventIntake;
import org.hivemesh.application.sync.Handshakes;
import org.hivemesh.application.sync.Push;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.hivemesh.domain.peer.SyncEndpoint;

/** A one-shot exchange through a temporary peer entry that is gone again afterwards, on both sides. */
public final class Federation implements FederationUseCase {
    private final SyncStore sync;
    private final Handshakes handshakes;
    private final Push push;
    private final CatchUp catchUp;
    private final PeerTransport transport;
    private final Clock clock;
    private final IdGenerator ids;
    private final InstanceIdentity self;

    @Inject
    public Federation(SyncStore sync, Handshakes handshakes, Push push, CatchUp catchUp, PeerTransport transport,
                      Clock clock, IdGenerator ids, InstanceIdentity self) {
        this.sync = sync;
        this.handshakes = handshakes;
        this.push = push;
        this.catchUp = catchUp;
        this.transport = transport;
        this.clock = clock;
        this.ids = ids;
        this.self = self;
    }

    @Override
    public Exchange federate(String syncEndpoint, String hiveName, boolean pushing, boolean pulling) {
        String endpoint = SyncEndpoint.of(syncEndpoint).value();
        if (sync.peerByEndpoint(endpoint).isPresent()) {
            throw HivemeshException.conflict("already_peers", endpoint + " is a standing peer; it syncs without federate");
        }
        PeerRecord temporary = new PeerRecord(ids.id("peer_"), "federation", endpoint, Optional.empty(), Optional.empty(),
                Optional.empty(), PeerSource.MANUAL, PeerStatus.PENDING, 0, Optional.empty(), Optional.empty(), List.of(),
                clock.now(), 0, "federate");
        sync.savePeer(temporary);
        String peerId = temporary.peerId();
        try {
            String groupId = handshakes.join(temporary, hiveName).groupId();
            PeerRecord peer = sync.peer(peerId).orElseThrow(() -> HivemeshException.conflict("already_peers",
                    endpoint + " is a standing peer under another endpoint; it syncs without federate"));
            PeerLink link = sync.findLink(peerId, groupId).orElseThrow();
            int pushed = pushing ? push.to(peer, link) : 0;
            EventIntake.Report pulled = pulling
                    ? catchUp.from(peer, sync.findLink(peerId, groupId).orElseThrow(), self.instanceId())
                    : EventIntake.Report.NONE;
            transport.leave(peer.address(), peer.outboundToken().orElseThrow(), groupId);
            return new Exchange(pushed, pulled.accepted(), pulled.quarantined());
        } finally {
            sync.peer(peerId).ifPresent(p -> sync.deletePeer(p.peerId()));
        }
    }
}
