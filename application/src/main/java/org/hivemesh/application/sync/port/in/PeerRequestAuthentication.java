package org.hivemesh.application.sync.port.in;

import java.util.Map;
import java.util.Optional;

/**
 * Every {@code /sync/v1} request proves which instance sent it (API.md "Peer request signing"); the callee signs its
 * handshake reply the same way. One piece of code answers for every peer route.
 */
public interface PeerRequestAuthentication {
    /** A request as it arrived; a missing header is null. {@code target} is the path and query as sent. */
    record SignedRequest(String method, String target, String origin, String destination, String date,
                         String signature, byte[] body) {
    }

    /**
     * The caller's instance ID once the request is proven fresh, unseen, meant for us and signed by that instance;
     * otherwise 401 with {@code signature_required}, {@code request_expired}, {@code request_replayed},
     * {@code wrong_destination} or {@code signature_invalid}, and nothing changes. {@code offeredKey} is the
     * handshake body's {@code signing_key} (the caller's ID must derive from it); every other call is checked
     * against the key pinned for the caller.
     */
    String verify(SignedRequest request, Optional<String> offeredKey);

    /** The four signature headers for a reply with this body to {@code caller}'s request. */
    Map<String, String> signReply(String method, String target, String caller, byte[] body);
}
