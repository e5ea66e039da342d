package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.sync.port.in.PeerRequestAuthentication;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.peer.InstanceIds;
import org.hivemesh.domain.peer.PeerRequest;

/** Checks the signature headers of peer requests (API.md "Peer request signing") and signs handshake replies. */
public final class PeerRequestVerifier implements PeerRequestAuthentication {
    private static final HexFormat HEX = HexFormat.of();

    private final SyncStore sync;
    private final InstanceIdentity self;
    private final Signatures signatures;
    private final Clock clock;
    private final Duration maxAge;
    private final ReplayGuard replays;

    /** {@code maxAge}: how far a request's date may be from our clock; {@code replayCapacity}: signatures remembered. */
    public record Settings(Duration maxAge, int replayCapacity) {
        public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(300);
        public static final int DEFAULT_REPLAY_CAPACITY = 200_000;
    }

    @Inject
    public PeerRequestVerifier(SyncStore sync, InstanceIdentity self, Signatures signatures, Clock clock,
                               Settings settings) {
        this.sync = sync;
        this.self = self;
        this.signatures = signatures;
        this.clock = clock;
        this.maxAge = settings.maxAge();
        this.replays = new ReplayGuard(settings.replayCapacity(), settings.maxAge().toMillis(), clock.now().toEpochMilli());
    }

    @Override
    public String verify(SignedRequest request, Optional<String> offeredKey) {
        if (request.origin() == null || request.destination() == null || request.date() == null
                || request.signature() == null) {
            throw refused("signature_required", "every /sync/v1 request carries " + PeerRequest.ORIGIN + ", "
                    + PeerRequest.DESTINATION + ", " + PeerRequest.DATE + " and " + PeerRequest.SIGNATURE);
        }
        if (!request.destination().equals(self.instanceId())) {
            throw refused("wrong_destination", "this is " + self.instanceId() + ", not " + request.destination());
        }
        PeerRequest signed = PeerRequest.of(request.method(), request.target(), request.origin(), request.destination(),
                request.date(), request.body());
        long now = clock.now().toEpochMilli();
        long date = signed.dateMillis().orElseThrow(() -> refused("request_expired",
                PeerRequest.DATE + " must be unix time in milliseconds"));
        if (Math.abs(now - date) > maxAge.toMillis()) {
            throw refused("request_expired", "the request is dated " + (now - date) / 1000 + " s from this instance's "
                    + "clock; at most " + maxAge.toSeconds() + " s are accepted");
        }
        byte[] key = keyOf(request.origin(), offeredKey);
        byte[] signature;
        try {
            signature = HEX.parseHex(request.signature());
        } catch (IllegalArgumentException notHex) {
            throw refused("signature_invalid", PeerRequest.SIGNATURE + " must be hex");
        }
        if (!signatures.verify(key, signed.signedBytes(), signature)) {
            throw refused("signature_invalid", "the signature does not verify against the key of " + request.origin());
        }
        switch (replays.admit(request.signature().toLowerCase(), date, now)) {
            case REPLAYED -> throw refused("request_replayed", "this signed request was received before");
            case BEYOND_MEMORY -> throw refused("request_expired", "the request is too old to be told apart from a "
                    + "replay; send it again with a fresh date");
            default -> {
            }
        }
        return request.origin();
    }

    /** The handshake's offered key (which the caller's ID must derive from) or the key pinned for the caller. */
    private byte[] keyOf(String origin, Optional<String> offeredKey) {
        Optional<String> pinned = origin.equals(self.instanceId()) ? Optional.of(self.publicKeyHex()) : sync.keyOf(origin);
        if (offeredKey.isPresent()) {
            byte[] offered;
            try {
                offered = HEX.parseHex(offeredKey.get());
            } catch (IllegalArgumentException notHex) {
                throw refused("signature_invalid", "signing_key must be 64 hex characters");
            }
            if (!InstanceIds.matches(origin, offered)) {
                throw refused("signature_invalid", "instance " + origin + " does not derive from the offered signing_key");
            }
            if (pinned.isPresent() && !pinned.get().equalsIgnoreCase(offeredKey.get())) {
                throw refused("signature_invalid", "instance " + origin + " has another key pinned here; a handshake "
                        + "never changes it");
            }
            return offered;
        }
        return HEX.parseHex(pinned.orElseThrow(() -> refused("signature_invalid", "no key is known for "
                + origin + "; handshake first")));
    }

    @Override
    public Map<String, String> signReply(String method, String target, String caller, byte[] body) {
        String date = Long.toString(clock.now().toEpochMilli());
        PeerRequest reply = PeerRequest.of(method, target, self.instanceId(), caller, date, body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(PeerRequest.ORIGIN, self.instanceId());
        headers.put(PeerRequest.DESTINATION, caller);
        headers.put(PeerRequest.DATE, date);
        headers.put(PeerRequest.SIGNATURE, HEX.formatHex(signatures.sign(self.privateKey(), reply.signedBytes())));
        return headers;
    }

    private static HivemeshException refused(String code, String message) {
        return new HivemeshException(HivemeshException.Kind.UNAUTHENTICATED, code, message);
    }
}
