package org.hivemesh.application.sync.port.wire;

import java.util.List;
import java.util.Map;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/**
 * A page a peer pulls ({@code GET /sync/v1/groups/{id}/events}): raw wire events, checked on arrival, with the
 * public keys of their origins; {@code nextSeq} is the sender's cursor.
 */
public record EventPage(List<JsonObject> events, long nextSeq, boolean hasMore, Map<String, String> keys) {
    public EventPage {
        events = List.copyOf(events);
        keys = Map.copyOf(keys);
    }
}
