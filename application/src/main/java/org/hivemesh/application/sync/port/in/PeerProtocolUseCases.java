package org.hivemesh.application.sync.port.in;

import org.hivemesh.application.sync.port.out.PeerTransport.EventPage;
import org.hivemesh.application.sync.port.out.PeerTransport.HandshakeReply;
import org.hivemesh.application.sync.port.out.PeerTransport.HandshakeRequest;
import org.hivemesh.application.sync.port.out.PeerTransport.Heartbeat;
import org.hivemesh.application.sync.port.out.PeerTransport.PushReply;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;

/**
 * The peer protocol (/sync/v1) as served to other instances. Every call arrives signed (see
 * {@link PeerRequestAuthentication}); {@code caller} is the instance the signature proved. Every call but the
 * handshake also needs a sync token issued to that instance.
 */
public interface PeerProtocolUseCases {
    int DEFAULT_PAGE = 500;
    int MAX_PAGE = 1000;

    HandshakeReply acceptHandshake(HandshakeRequest request, String caller);

    /** The peer the token was issued to; 401 if it is unknown, expired, or was issued to another instance. */
    PeerRecord authenticate(String bearerToken, String caller);

    /** A catch-up page; in a governed group refused while the caller holds {@code unshared} work (reciprocity). */
    EventPage events(PeerRecord peer, String groupId, long since, int limit, long unshared);

    PushReply receive(PeerRecord peer, String groupId, EventPage batch);

    SyncAdminUseCases.GroupStatus groupStatus(PeerRecord peer, String groupId);

    void leave(PeerRecord peer, String groupId);

    Heartbeat heartbeat(PeerRecord peer, Heartbeat beat);

    /** A merge plan proposed by the owner of a governed group this instance is on the roster of. */
    void receiveProposal(PeerRecord peer, String groupId, org.hivemesh.domain.event.JsonValue.JsonObject proposal);

    /** The roster of a governed group, from its owner. */
    void receiveRoster(PeerRecord peer, String groupId, java.util.List<String> members);

    /** A roster member's signed answer to a plan of a group this instance owns. */
    void receiveApproval(PeerRecord peer, String groupId, org.hivemesh.domain.event.JsonValue.JsonObject approval);
}
