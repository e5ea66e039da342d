package org.hivemesh.application.sync.port.wire;

import java.util.List;
import java.util.Map;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/**
 * A batch a peer pushes ({@code POST /sync/v1/groups/{id}/events}): raw wire events with the public keys of their
 * origins; {@code senderSeq} is how far the sender's log has got with this batch.
 */
public record PushBatch(List<JsonObject> events, Map<String, String> keys, long senderSeq) {
    public PushBatch {
        events = List.copyOf(events);
        keys = Map.copyOf(keys);
    }
}
