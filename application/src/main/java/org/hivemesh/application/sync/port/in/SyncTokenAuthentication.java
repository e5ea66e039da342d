package org.hivemesh.application.sync.port.in;

import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;

/** Every /sync/v1 group call carries a sync token issued to the instance whose signature it bears. */
public interface SyncTokenAuthentication {
    /** The peer the token was issued to; 401 if it is unknown, expired, or was issued to another instance. */
    PeerRecord authenticate(String bearerToken, String caller);
}
