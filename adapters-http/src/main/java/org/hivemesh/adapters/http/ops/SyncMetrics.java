package org.hivemesh.adapters.http.ops;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import org.hivemesh.application.sync.port.in.GroupStatus;
import org.hivemesh.application.sync.port.in.PeerStatusView;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;

/** The numbers of /api/v1/sync/status as Prometheus gauges, per group and per peer. */
public final class SyncMetrics {
    private final SyncGroupsUseCase sync;
    private final MultiGauge localSeq;
    private final MultiGauge eventCount;
    private final MultiGauge quarantined;
    private final MultiGauge peerLag;
    private final MultiGauge peerBehind;
    private final MultiGauge peerUp;

    public SyncMetrics(SyncGroupsUseCase sync, HttpMetrics metrics) {
        this.sync = sync;
        var registry = metrics.registry();
        localSeq = MultiGauge.builder("hivemesh_sync_local_seq").description("last local seq of the group").register(registry);
        eventCount = MultiGauge.builder("hivemesh_sync_events").description("events stored for the group").register(registry);
        quarantined = MultiGauge.builder("hivemesh_sync_quarantined").description("events quarantined").register(registry);
        peerLag = MultiGauge.builder("hivemesh_sync_peer_lag").description("local events the peer has not acknowledged")
                .register(registry);
        peerBehind = MultiGauge.builder("hivemesh_sync_peer_behind").description("peer events not yet pulled")
                .register(registry);
        peerUp = MultiGauge.builder("hivemesh_sync_peer_up").description("1 if the peer is active").register(registry);
        metrics.refreshBeforeScrape(this::refresh);
    }

    private void refresh() {
        List<MultiGauge.Row<?>> seq = new ArrayList<>();
        List<MultiGauge.Row<?>> count = new ArrayList<>();
        List<MultiGauge.Row<?>> bad = new ArrayList<>();
        List<MultiGauge.Row<?>> lag = new ArrayList<>();
        List<MultiGauge.Row<?>> behind = new ArrayList<>();
        List<MultiGauge.Row<?>> up = new ArrayList<>();
        for (GroupStatus g : sync.status().groups()) {
            Tags group = Tags.of("group", g.group().groupId(), "hive", g.group().hiveName());
            seq.add(MultiGauge.Row.of(group, g.localSeq()));
            count.add(MultiGauge.Row.of(group, g.eventCount()));
            bad.add(MultiGauge.Row.of(group, g.quarantined()));
            for (PeerStatusView p : g.peers()) {
                Tags peer = group.and("peer", p.peerId());
                lag.add(MultiGauge.Row.of(peer, p.lag()));
                behind.add(MultiGauge.Row.of(peer, p.behind()));
                up.add(MultiGauge.Row.of(peer, "active".equals(p.status()) ? 1 : 0));
            }
        }
        localSeq.register(seq, true);
        eventCount.register(count, true);
        quarantined.register(bad, true);
        peerLag.register(lag, true);
        peerBehind.register(behind, true);
        peerUp.register(up, true);
    }
}
