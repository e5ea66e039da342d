package org.hivemesh.application.sync;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the signatures of recent peer requests so none is accepted twice, in bounded memory. Entries older than
 * the freshness window are dropped (their dates are refused anyway); when the cache is full the oldest entry is
 * dropped and its date becomes a horizon: a request dated at or before it could be a replay we no longer
 * remember, so it is refused as well. The horizon starts at the guard's creation: what is dated before it may have
 * been taken by this instance before a restart.
 */
final class ReplayGuard {
    enum Verdict { FRESH, REPLAYED, BEYOND_MEMORY }

    private final int capacity;
    private final long windowMillis;
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();
    private long horizon;

    ReplayGuard(int capacity, long windowMillis, long startMillis) {
        this.capacity = capacity;
        this.windowMillis = windowMillis;
        this.horizon = startMillis;
    }

    synchronized Verdict admit(String signature, long dateMillis, long nowMillis) {
        Iterator<Map.Entry<String, Long>> oldest = seen.entrySet().iterator();
        while (oldest.hasNext()) {
            if (oldest.next().getValue() >= nowMillis - windowMillis) {
                break;
            }
            oldest.remove();
        }
        if (seen.containsKey(signature)) {
            return Verdict.REPLAYED;
        }
        if (dateMillis <= horizon) {
            return Verdict.BEYOND_MEMORY;
        }
        seen.put(signature, dateMillis);
        if (seen.size() > capacity) {
            Iterator<Map.Entry<String, Long>> first = seen.entrySet().iterator();
            horizon = Math.max(horizon, first.next().getValue());
            first.remove();
        }
        return Verdict.FRESH;
    }

    synchronized int size() {
        return seen.size();
    }
}
