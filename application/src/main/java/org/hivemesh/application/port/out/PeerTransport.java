package org.hivemesh.application.port.out;

import java.util.List;
import java.util.Map;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.peer.KnownPeer;

/** Calls to another instance's peer protocol (/sync/v1). Events travel as raw wire JSON, checked on arrival. */
public interface PeerTransport {
    HandshakeReply handshake(String syncEndpoint, HandshakeRequest request);

    /** {@code unshared}: local events the puller has not contributed yet (reciprocity in governed groups). */
    EventPage pull(String syncEndpoint, String token, String groupId, long since, int limit, long unshared);

    PushReply push(String syncEndpoint, String token, String groupId, EventPage batch);

    Heartbeat heartbeat(String syncEndpoint, String token, Heartbeat beat);

    void leave(String syncEndpoint, String token, String groupId);

    /** The owner of a governed group proposes a merge plan to a roster member. */
    void proposePlan(String syncEndpoint, String token, String groupId, JsonObject plan);

    /** The owner of a governed group tells a member the current roster. */
    void sendRoster(String syncEndpoint, String token, String groupId, List<String> activeMembers);

    /** A roster member's signed answer to a merge plan, sent to the group's owner. */
    void sendApproval(String syncEndpoint, String token, String groupId, JsonObject approval);

    /** {@code syncEndpoint} is null for a client that cannot be called back (a CLI with a local store). */
    record HandshakeRequest(String syncGroupName, String instanceId, String signingKey, String syncEndpoint,
                            String syncToken) {
    }

    record HandshakeReply(String syncGroupId, String instanceId, String signingKey, long currentSeq, String syncToken,
                          String ownerInstanceId, String ownerAgentId, String hiveName, String lineage, String consent) {
    }

    /** A page of events with the public keys of their origins; {@code nextSeq} is the sender's cursor. */
    record EventPage(List<JsonObject> events, long nextSeq, boolean hasMore, Map<String, String> keys) {
    }

    record PushReply(long receivedSeq, int accepted, int duplicate, int quarantined) {
    }

    /** Liveness, how far each shared group has got, and gossip about other peers. */
    record Heartbeat(String instanceId, Map<String, Long> seqByGroup, List<KnownPeer> knownPeers) {
        public Heartbeat {
            knownPeers = List.copyOf(knownPeers);
        }
    }

    /** The peer could not be reached or failed (network, timeout, 5xx): worth retrying. */
    final class PeerUnavailable extends RuntimeException {
        public PeerUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The peer answered and refused (4xx): retrying the same call will not help. */
    final class PeerRefused extends RuntimeException {
        private final int status;
        private final String code;

        public PeerRefused(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }
}
