package org.hivemesh.adapters.http.ops;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.sync.port.in.GroupStatus;
import org.hivemesh.application.sync.port.in.PeerStatusView;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.application.sync.port.out.PeerSchedule;
import org.hivemesh.domain.peer.PeerStatus;

/** The numbers of /api/v1/sync/status and the workers' retry schedule as Prometheus gauges, per group and peer. */
public final class SyncMetrics {
    private final SyncGroupsUseCase sync;
    private final PeerSchedule schedule;
    private final Map<String, MultiGauge> gauges = new LinkedHashMap<>();
    private final Instant started = Instant.now();

    public SyncMetrics(SyncGroupsUseCase sync, PeerSchedule schedule, HttpMetrics metrics) {
        this.sync = sync;
        this.schedule = schedule;
        var registry = metrics.registry();
        for (String[] gauge : new String[][]{
                {"hivemesh_sync_local_seq", "last local seq of the group"},
                {"hivemesh_sync_events", "events stored for the group"},
                {"hivemesh_sync_quarantined", "events of the group quarantined at intake"},
                {"hivemesh_sync_refused", "events of the group stored without effect under the authority rules"},
                {"hivemesh_sync_deferred", "events of the group held until their clock is due"},
                {"hivemesh_sync_unshared_events", "local events not yet acknowledged by every peer of the group"},
                {"hivemesh_sync_peer_lag", "local events the peer has not acknowledged (its queue depth)"},
                {"hivemesh_sync_peer_behind", "peer events not yet pulled"},
                {"hivemesh_sync_peer_up", "1 if the peer is active"},
                {"hivemesh_sync_peer_status", "1 for the peer's current status (pending, active, unreachable, error)"},
                {"hivemesh_sync_peer_consecutive_failures", "failed rounds in a row with the peer"},
                {"hivemesh_sync_peer_next_retry_timestamp_seconds",
                        "when the workers try the peer again after a failure (unix time); absent when no retry waits"},
                {"hivemesh_sync_peer_last_success_timestamp_seconds",
                        "when a round with the peer last succeeded (unix time); absent until one has since start"},
                {"hivemesh_sync_peer_seconds_since_success",
                        "seconds since a round with the peer last succeeded, or since start while none has"}}) {
            gauges.put(gauge[0], MultiGauge.builder(gauge[0]).description(gauge[1]).register(registry));
        }
        metrics.refreshBeforeScrape(this::refresh);
    }

    private void refresh() {
        Map<String, List<MultiGauge.Row<?>>> rows = new LinkedHashMap<>();
        gauges.keySet().forEach(name -> rows.put(name, new ArrayList<>()));
        Map<String, Tags> peersSeen = new LinkedHashMap<>();
        for (GroupStatus g : sync.status().groups()) {
            Tags group = Tags.of("group", g.group().groupId(), "hive", g.group().hiveName());
            rows.get("hivemesh_sync_local_seq").add(MultiGauge.Row.of(group, g.localSeq()));
            rows.get("hivemesh_sync_events").add(MultiGauge.Row.of(group, g.eventCount()));
            rows.get("hivemesh_sync_quarantined").add(MultiGauge.Row.of(group, g.quarantined()));
            rows.get("hivemesh_sync_refused").add(MultiGauge.Row.of(group, g.refused()));
            rows.get("hivemesh_sync_deferred").add(MultiGauge.Row.of(group, g.deferred()));
            rows.get("hivemesh_sync_unshared_events").add(MultiGauge.Row.of(group, g.unsharedEvents()));
            for (PeerStatusView p : g.peers()) {
                Tags peer = group.and("peer", p.peerId());
                rows.get("hivemesh_sync_peer_lag").add(MultiGauge.Row.of(peer, p.lag()));
                rows.get("hivemesh_sync_peer_behind").add(MultiGauge.Row.of(peer, p.behind()));
                rows.get("hivemesh_sync_peer_up").add(MultiGauge.Row.of(peer, "active".equals(p.status()) ? 1 : 0));
                // A peer's status is the same in every group it shares; one set of rows per peer.
                if (!peersSeen.containsKey(p.peerId())) {
                    Tags tags = Tags.of("peer", p.peerId(), "peer_name", p.name());
                    peersSeen.put(p.peerId(), tags);
                    for (PeerStatus status : PeerStatus.values()) {
                        rows.get("hivemesh_sync_peer_status").add(MultiGauge.Row.of(tags.and("status", status.wire()),
                                status.wire().equals(p.status()) ? 1 : 0));
                    }
                }
            }
        }
        long now = System.currentTimeMillis();
        peersSeen.forEach((peerId, tags) -> {
            Optional<PeerSchedule.Retry> retry = schedule.of(peerId);
            rows.get("hivemesh_sync_peer_consecutive_failures").add(MultiGauge.Row.of(tags,
                    retry.map(PeerSchedule.Retry::failures).orElse(0)));
            retry.flatMap(PeerSchedule.Retry::nextRetryAt).ifPresent(at -> rows.get(
                    "hivemesh_sync_peer_next_retry_timestamp_seconds").add(MultiGauge.Row.of(tags, at.toEpochMilli() / 1000.0)));
            Optional<Instant> success = retry.flatMap(PeerSchedule.Retry::lastSuccessAt);
            success.ifPresent(at -> rows.get("hivemesh_sync_peer_last_success_timestamp_seconds")
                    .add(MultiGauge.Row.of(tags, at.toEpochMilli() / 1000.0)));
            rows.get("hivemesh_sync_peer_seconds_since_success").add(MultiGauge.Row.of(tags,
                    (now - success.orElse(started).toEpochMilli()) / 1000.0));
        });
        gauges.forEach((name, gauge) -> gauge.register(rows.get(name), true));
    }
}
