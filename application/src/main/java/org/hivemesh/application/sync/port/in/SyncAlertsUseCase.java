package org.hivemesh.application.sync.port.in;

import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.peer.PeerStatus;

/** Raises an alert when a peer enters error or its lag passes the threshold; once per crossing, not per check. */
public interface SyncAlertsUseCase {
    void peerStatusChanged(PeerRecord peer, PeerStatus to);

    /** Compares every peer's lag in every group with the threshold. */
    void checkLag();
}
