package org.hivemesh.application.sync.port.in;

import java.util.Optional;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.EventPage;
import org.hivemesh.application.sync.port.wire.PushBatch;
import org.hivemesh.application.sync.port.wire.PushReply;
import org.hivemesh.domain.event.Hlc;

/** Events between instances: pages a peer pulls from our log, batches it pushes into it. */
public interface EventExchangeUseCase {
    int DEFAULT_PAGE = 500;
    int MAX_PAGE = 1000;

    /** A catch-up page; in a governed group refused while the caller holds {@code unshared} work (reciprocity). */
    default EventPage events(PeerRecord peer, String groupId, long since, int limit, long unshared) {
        return events(peer, groupId, since, limit, unshared, Optional.empty());
    }

    /**
     * {@code ownAfter}: the caller lacks its own events later than this HLC (it was restored from a backup), so those
     * come back to it; without it the caller's own events are left out, since it wrote them.
     */
    EventPage events(PeerRecord peer, String groupId, long since, int limit, long unshared, Optional<Hlc> ownAfter);

    PushReply receive(PeerRecord peer, String groupId, PushBatch batch);
}
