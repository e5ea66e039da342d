package org.hivemesh.application.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hivemesh.application.fakes.InMemoryPeerTransport;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.sync.port.out.AlertSink.SyncAlert;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.peer.PeerStatus;
import org.junit.jupiter.api.Test;

/** Alerts once per crossing: a peer entering error, a peer's lag passing the threshold. */
class SyncAlertsTest {
    private final InMemoryPeerTransport.Network network = new InMemoryPeerTransport.Network();
    private final TestSync there = new TestSync("there", network);
    private final TestSync here = new TestSync("here", network);
    private final String group = there.share("lab");
    private final List<SyncAlert> sent = new CopyOnWriteArrayList<>();
    private final SyncAlerts alerts = new SyncAlerts(here.groups, sent::add, here.app.clock, here.app.identity, 3);

    @Test
    void lagPastTheThresholdAlertsOnceAndAgainOnlyAfterItFellBelow() {
        here.join(there, "lab");
        PeerRecord peer = here.peerOf(there);
        here.post("lab", 3);
        alerts.checkLag();
        assertThat(sent).isEmpty();

        here.post("lab", 2);
        alerts.checkLag();
        alerts.checkLag();

        assertThat(sent).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("sync_lag");
            assertThat(a.peerId()).isEqualTo(peer.peerId());
            assertThat(a.groupId()).contains(group);
            assertThat(a.hive()).contains("lab");
            assertThat(a.lag()).isEqualTo(5);
            assertThat(a.threshold()).isEqualTo(3);
            assertThat(a.instanceId()).isEqualTo(here.id());
        });
        here.app.clock.advance(Duration.ofMinutes(1));
        here.rounds.syncWith(peer.peerId());
        assertThat(here.groups.group(group).peers()).allSatisfy(p -> assertThat(p.lag()).isLessThanOrEqualTo(3));
        alerts.checkLag();
        assertThat(sent).hasSize(1);

        here.post("lab", 4);
        alerts.checkLag();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).lag()).isGreaterThan(3);
    }

    @Test
    void onlyEnteringErrorAlerts() {
        here.join(there, "lab");
        PeerRecord peer = here.peerOf(there).withContact(PeerStatus.ERROR, 10, Optional.empty(),
                Optional.of("connection refused"));

        alerts.peerStatusChanged(peer, PeerStatus.UNREACHABLE);
        alerts.peerStatusChanged(peer, PeerStatus.ACTIVE);
        assertThat(sent).isEmpty();
        alerts.peerStatusChanged(peer, PeerStatus.ERROR);

        assertThat(sent).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("peer_error");
            assertThat(a.peerName()).isEqualTo(peer.name());
            assertThat(a.lastError()).contains("connection refused");
            assertThat(a.groupId()).isEmpty();
            assertThat(a.at()).isEqualTo(here.app.clock.now());
        });
    }
}
