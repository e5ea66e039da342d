package org.hivemesh.adapters.http.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase.GroupRound;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase.Step;
import org.hivemesh.application.sync.port.out.SyncTelemetry;

/** What outbound sync moved and where it failed, as Prometheus counters per peer and group. */
public final class SyncCounters implements SyncTelemetry {
    private final MeterRegistry registry;

    public SyncCounters(HttpMetrics metrics) {
        this.registry = metrics.registry();
    }

    @Override
    public void exchanged(String peerId, GroupRound round) {
        count("hivemesh_sync_events_pushed", "events pushed to the peer", peerId, round, round.pushed());
        count("hivemesh_sync_events_pulled", "events pulled from the peer and stored", peerId, round, round.pulled());
        count("hivemesh_sync_events_quarantined", "pulled events refused at intake (quarantined)", peerId, round,
                round.quarantined());
        count("hivemesh_sync_events_refused", "pulled events stored without effect under the authority rules", peerId,
                round, round.refused());
    }

    private void count(String name, String help, String peerId, GroupRound round, int amount) {
        // Registered even at zero, so a rate() over the counter has a series from the first round on.
        Counter.builder(name).description(help).tag("peer", peerId).tag("group", round.groupId()).tag("hive", round.hive())
                .register(registry).increment(amount);
    }

    @Override
    public void failed(String peerId, Optional<Step> step) {
        Counter.builder("hivemesh_sync_failures").description("failed sync rounds, by the step that failed "
                        + "(handshake, push, pull, heartbeat, or round when no step had begun)")
                .tag("peer", peerId).tag("group", step.flatMap(Step::groupId).orElse(""))
                .tag("hive", step.flatMap(Step::hive).orElse("")).tag("step", step.map(s -> s.phase().wire()).orElse("round"))
                .register(registry).increment();
    }

    @Override
    public void retryScheduled(String peerId) {
        Counter.builder("hivemesh_sync_retries").description("retries scheduled with backoff after a failed round")
                .tag("peer", peerId).register(registry).increment();
    }
}
