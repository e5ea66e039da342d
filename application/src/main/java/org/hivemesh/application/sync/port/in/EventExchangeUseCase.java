package org.hivemesh.application.sync.port.in;

import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.EventPage;
import org.hivemesh.application.sync.port.wire.PushBatch;
import org.hivemesh.application.sync.port.wire.PushReply;

/** Events between instances: pages a peer pulls from our log, batches it pushes into it. */
public interface EventExchangeUseCase {
    int DEFAULT_PAGE = 500;
    int MAX_PAGE = 1000;

    /** A catch-up page; in a governed group refused while the caller holds {@code unshared} work (reciprocity). */
    EventPage events(PeerRecord peer, String groupId, long since, int limit, long unshared);

    PushReply receive(PeerRecord peer, String groupId, PushBatch batch);
}
