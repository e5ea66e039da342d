package org.hivemesh.adapters.http.sync;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.sync.port.in.GroupStatus;
import org.hivemesh.application.sync.port.in.PeerStatusView;
import org.hivemesh.application.sync.port.out.PeerSchedule;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.out.SyncStore.QuarantinedEvent;
import org.hivemesh.application.sync.port.wire.OversightJson;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.peer.HiveSyncState;

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
                .put("oversight", OversightJson.toJson(s.oversight())).build();
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
        return peer(p, List.of());
    }

    /** {@code hives}: the peer's trouble hive by hive, so one hive's never shows as the peer's. */
    static JsonObject peer(PeerRecord p, List<HiveSyncState> hives) {
        return JsonObject.builder().put("id", p.peerId()).put("name", p.name()).put("sync_endpoint", p.syncEndpoint())
                .put("instance_id", text(p.instanceId())).put("signing_key", text(p.signingKey()))
                .put("source", p.source().wire()).put("discovered_via", p.discoveredVia()).put("status", p.status().wire())
                .put("consecutive_failures", p.consecutiveFailures()).put("last_seen", text(p.lastSeen()))
                .put("last_error", text(p.lastError()))
                .putArray("shared_hives", p.sharedHives().stream().map(JsonValue::of).collect(Collectors.toList()))
                .putArray("hives", hives.stream().map(SyncViews::hiveState).toList())
                .put("created_at", p.createdAt().toString()).build();
    }

    /** A peer with the workers' retry state: when they try it next after a failure, when a round last succeeded. */
    static JsonObject peer(PeerRecord p, List<HiveSyncState> hives, Optional<PeerSchedule.Retry> retry) {
        JsonValue.Builder json = JsonObject.builder();
        peer(p, hives).members().forEach(json::put);
        return json.put("next_retry_at", text(retry.flatMap(PeerSchedule.Retry::nextRetryAt)))
                .put("last_success_at", text(retry.flatMap(PeerSchedule.Retry::lastSuccessAt)))
                .put("circuit_open", retry.map(PeerSchedule.Retry::circuitOpen).orElse(false)).build();
    }

    static JsonObject hiveState(HiveSyncState s) {
        return JsonObject.builder().put("hive", s.hiveName()).put("state", s.kind().wire()).put("plan_id", text(s.planId()))
                .put("detail", s.detail()).put("failures", s.failures()).put("since", s.since().toString())
                .put("next_attempt_at", s.nextAttempt().equals(Instant.MAX) ? JsonValue.NULL
                        : JsonValue.of(s.nextAttempt().toString())).build();
    }

    static JsonObject localEvents(List<StoredEvent> events) {
        return JsonObject.builder().putArray("events", events.stream().map(e -> {
            JsonValue.Builder json = JsonObject.builder();
            e.event().toJson().members().forEach(json::put);
            return json.put("seq", e.seq()).build();
        }).collect(Collectors.toList())).put("next_seq", events.isEmpty() ? 0 : events.get(events.size() - 1).seq()).build();
    }
}
