package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.hivemesh.application.shared.Secrets;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.sync.port.in.SyncTokenAuthentication;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.peer.PeerStatus;

/** Checks the sync token of a group call against the instance the request's signature proved. */
public final class SyncTokens implements SyncTokenAuthentication {
    /** A peer's last contact is written at most this often, not on every request. */
    private static final Duration CONTACT_RESOLUTION = Duration.ofSeconds(5);

    private final SyncStore sync;
    private final Clock clock;

    @Inject
    public SyncTokens(SyncStore sync, Clock clock) {
        this.sync = sync;
        this.clock = clock;
    }

    @Override
    public PeerRecord authenticate(String bearerToken, String caller) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw HivemeshException.unauthenticated("a sync token is required (Authorization: Bearer <sync token>)");
        }
        SyncStore.InboundToken grant = sync.peerByInboundToken(Secrets.hash(bearerToken))
                .orElseThrow(() -> HivemeshException.unauthenticated("unknown sync token"));
        PeerRecord peer = grant.peer();
        if (!peer.instanceId().map(caller::equals).orElse(false)) {
            throw HivemeshException.unauthenticated("this sync token was not issued to " + caller);
        }
        if (!grant.expiresAt().isAfter(clock.now())) {
            throw new HivemeshException(HivemeshException.Kind.UNAUTHENTICATED, "token_expired",
                    "this sync token expired at " + grant.expiresAt() + "; a new signed handshake issues another");
        }
        boolean stale = peer.lastSeen().map(seen -> seen.plus(CONTACT_RESOLUTION).isBefore(clock.now())).orElse(true);
        if (stale || peer.status() != PeerStatus.ACTIVE) {
            sync.recordContact(peer.peerId(), PeerStatus.ACTIVE, 0, Optional.of(clock.now()), peer.lastError());
        }
        return peer;
    }
}
