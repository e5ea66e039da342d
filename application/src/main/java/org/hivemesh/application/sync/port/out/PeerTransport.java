package org.hivemesh.application.sync.port.out;

import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.sync.port.wire.EventPage;
import org.hivemesh.application.sync.port.wire.HandshakeReply;
import org.hivemesh.application.sync.port.wire.HandshakeRequest;
import org.hivemesh.application.sync.port.wire.Heartbeat;
import org.hivemesh.application.sync.port.wire.PushBatch;
import org.hivemesh.application.sync.port.wire.PushReply;
import org.hivemesh.application.sync.port.wire.RosterMessage;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/**
 * Calls to another instance's peer protocol (/sync/v1). Every call is signed with this instance's key for the
 * instance it is meant for (API.md "Peer request signing"). Events travel as raw wire JSON, checked on arrival;
 * the messages are those of {@code port.wire}.
 */
public interface PeerTransport {
    /** Who answers at an endpoint, from its {@code /.well-known/hivemesh.json}: whom to sign the handshake for. */
    Identity identify(String syncEndpoint);

    /**
     * The reply is accepted only if its signature headers verify against the reply's {@code signing_key}, that key
     * is {@code to}'s, and the reply is meant for this instance: the joiner knows it reached the key it pins.
     */
    HandshakeReply handshake(PeerAddress to, HandshakeRequest request);

    /** {@code unshared}: local events the puller has not contributed yet (reciprocity in governed groups). */
    default EventPage pull(PeerAddress to, String token, String groupId, long since, int limit, long unshared) {
        return pull(to, token, groupId, since, limit, unshared, Optional.empty());
    }

    /** {@code ownAfter}: our own events later than this HLC are asked back (see EventExchangeUseCase#events). */
    EventPage pull(PeerAddress to, String token, String groupId, long since, int limit, long unshared,
                   Optional<Hlc> ownAfter);

    PushReply push(PeerAddress to, String token, String groupId, PushBatch batch);

    Heartbeat heartbeat(PeerAddress to, String token, Heartbeat beat);

    void leave(PeerAddress to, String token, String groupId);

    /** The owner of a governed group proposes a merge plan to a roster member. */
    void proposePlan(PeerAddress to, String token, String groupId, JsonObject plan);

    /** The owner of a governed group tells a member the current roster. */
    void sendRoster(PeerAddress to, String token, String groupId, RosterMessage roster);

    /** A roster member's signed answer to a merge plan, sent to the group's owner. */
    void sendApproval(PeerAddress to, String token, String groupId, JsonObject approval);

    /** Where a peer listens and which instance must answer there. */
    record PeerAddress(String syncEndpoint, String instanceId) {
        public PeerAddress {
            if (syncEndpoint == null || instanceId == null) {
                throw new IllegalArgumentException("a peer address needs an endpoint and an instance ID");
            }
        }
    }

    /** What an instance publishes about itself. */
    record Identity(String instanceId, String signingKey, String syncEndpoint) {
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
        private final Map<String, String> details;

        public PeerRefused(int status, String code, String message) {
            this(status, code, message, Map.of());
        }

        /** {@code details}: what the refusal names beside its code, e.g. the plan a join waits for. */
        public PeerRefused(int status, String code, String message, Map<String, String> details) {
            super(message);
            this.status = status;
            this.code = code;
            this.details = Map.copyOf(details);
        }

        public Optional<String> detail(String name) {
            return Optional.ofNullable(details.get(name));
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }
}
