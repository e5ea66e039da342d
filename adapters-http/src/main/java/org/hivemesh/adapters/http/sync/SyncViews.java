package org.hivemesh.adapters.http.sync;

import java.util.List;
import java.util.stream.Collectors;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.sync.port.in.GroupStatus;
import org.hivemesh.application.sync.port.in.PeerStatusView;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.out.SyncStore.QuarantinedEvent;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** Sync state as JSON. Tokens never leave: peers are shown without their sync tokens. */
final class SyncViews {
    private SyncViews() {
    }

    private static JsonValue text(java.util.Optional<?> value) {
        return value.<JsonValue>map(v -> JsonValue.of(v.toString())).orElse(JsonValue.NULL);
    }

    static JsonObject group(GroupStatus s) {
        return JsonObject.builder().put("id", s.group().groupId()).put("name", s.group().hiveName())
                .put("hive_name", s.group().hiveName()).put("owner_instance_id", s.group().ownerInstanceId())
                .put("consent", s.group().consent().wire()).put("method", s.group().method())
                .put("lineage", s.group().lineage()).put("local_seq", s.localSeq()).put("event_count", s.eventCount())
                .putArray("roster", s.roster().stream().map(JsonValue::of).collect(Collectors.toList()))
                .put("pending_plans", s.pendingPlans()).put("cadence", s.cadence())
                .put("last_shared_seq", s.lastSharedSeq()).put("unshared_events", s.unsharedEvents())
                .put("state_digest", s.stateDigest()).put("quarantined", s.quarantined()).put("deferred", s.deferred())
                .put("refused", s.refused())
                .putArray("peers", s.peers().stream().map(SyncViews::peerStatus).collect(Collectors.toList()))
                .putArray("recent_quarantine", s.recentQuarantine().stream().map(SyncViews::quarantined)
                        .collect(Collectors.toList()))
                .build();
    }

    static JsonObject peerStatus(PeerStatusView p) {
        return JsonObject.builder().put("id", p.peerId()).put("name", p.name()).put("sync_endpoint", p.syncEndpoint())
                .put("status", p.status()).put("lag", p.lag()).put("queue_depth", p.lag()).put("behind", p.behind())
                .put("last_sync", text(p.lastSync())).put("last_error", text(p.lastError())).put("source", p.source())
                .put("discovered_via", p.discoveredVia()).build();
    }

    static JsonObject quarantined(QuarantinedEvent q) {
        return JsonObject.builder().put("id", q.id()).put("event_id", text(q.eventId())).put("peer_id", q.peerId())
                .put("reason", q.reason()).put("at", q.at().toString()).build();
    }

    static JsonObject refused(StateStore.RefusedEvent r) {
        JsonValue.Builder json = JsonObject.builder();
        r.event().toJson().members().forEach(json::put);
        return json.put("actor", r.event().payload().actor().toJson()).put("rule", r.rule().wire())
                .put("reason", r.rule().description()).build();
    }

    static JsonObject peer(PeerRecord p) {
        return JsonObject.builder().put("id", p.peerId()).put("name", p.name()).put("sync_endpoint", p.syncEndpoint())
                .put("instance_id", text(p.instanceId())).put("signing_key", text(p.signingKey()))
                .put("source", p.source().wire()).put("discovered_via", p.discoveredVia()).put("status", p.status().wire())
                .put("consecutive_failures", p.consecutiveFailures()).put("last_seen", text(p.lastSeen()))
                .put("last_error", text(p.lastError()))
                .putArray("shared_hives", p.sharedHives().stream().map(JsonValue::of).collect(Collectors.toList()))
                .put("created_at", p.createdAt().toString()).build();
    }

    static JsonObject localEvents(List<StoredEvent> events) {
        return JsonObject.builder().putArray("events", events.stream().map(e -> {
            JsonValue.Builder json = JsonObject.builder();
            e.event().toJson().members().forEach(json::put);
            return json.put("seq", e.seq()).build();
        }).collect(Collectors.toList())).put("next_seq", events.isEmpty() ? 0 : events.get(events.size() - 1).seq()).build();
    }
}
