package org.hivemesh.application.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.hivemesh.application.discovery.port.out.HubClient;
import org.hivemesh.application.fakes.InMemoryPeerTransport;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.hub.port.in.HubUseCases;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.junit.jupiter.api.Test;

/** What the hub no longer reports leaves the peer table again, from hub entries only; manual entries stay. */
class HubDiscoveryServiceTest {
    private static final String HUB = "http://hub.test";

    /** A hub whose peer list a test sets. */
    private static final class Hub implements HubClient {
        List<HubUseCases.SwarmPeer> peers = new ArrayList<>();

        @Override
        public HubUseCases.Registered register(String hubUrl, String key, HubUseCases.RegisterSwarm request) {
            return new HubUseCases.Registered("swm_here", "hsw_token");
        }

        @Override
        public void heartbeat(String hubUrl, String swarmId, String token) {
        }

        @Override
        public void joinHive(String hubUrl, String swarmId, String token, String hiveName) {
        }

        long version = 7;
        final List<OptionalLong> asked = new ArrayList<>();

        @Override
        public Peers peers(String hubUrl, String swarmId, String token, OptionalLong seenVersion, Duration wait) {
            asked.add(seenVersion);
            return new Peers(peers, OptionalLong.of(version));
        }
    }

    private final TestSync here = new TestSync("here", new InMemoryPeerTransport.Network());
    private final Hub hub = new Hub();
    private final HubDiscoveryService discovery = new HubDiscoveryService(HUB, "hrk_key", hub,
            here.app.stores.hub(), here.sync, here.app.identity, () -> Optional.of(here.endpoint), "here",
            here.app.clock, here.app.ids, here.signals);

    private static HubUseCases.SwarmPeer swarm(String name, boolean stale, String... hives) {
        return new HubUseCases.SwarmPeer("swm_" + name, name, "inst_" + name, "ab".repeat(32),
                "http://" + name + ".test/sync/v1", List.of(hives), stale, Instant.parse("2026-11-27T12:00:00Z"));
    }

    private Optional<PeerRecord> entry(String name) {
        return here.sync.peerByEndpoint("http://" + name + ".test/sync/v1");
    }

    @Test
    void aHiveLeftOnTheHubIsNoLongerSyncedAndAPeerWithNoHiveLeftIsRemoved() {
        here.share("lab");
        here.share("ops");
        hub.peers = List.of(swarm("b", false, "lab", "ops"), swarm("c", false, "lab"));
        discovery.refresh();
        assertThat(entry("b")).hasValueSatisfying(p -> assertThat(p.sharedHives()).containsExactly("lab", "ops"));
        assertThat(entry("c")).isPresent();

        hub.peers = List.of(swarm("b", false, "lab"));
        discovery.refresh();

        assertThat(entry("b")).hasValueSatisfying(p -> assertThat(p.sharedHives()).containsExactly("lab"));
        assertThat(entry("c")).as("left its only shared hive on the hub").isEmpty();
        assertThat(here.signals.peersChanged).contains(entry("b").orElseThrow().peerId());
    }

    @Test
    void aStalePeerIsRemovedAndNotAddedAgainWhileStale() {
        here.share("lab");
        hub.peers = List.of(swarm("b", false, "lab"));
        discovery.refresh();
        assertThat(entry("b")).isPresent();

        hub.peers = List.of(swarm("b", true, "lab"));
        discovery.refresh();
        discovery.refresh();

        assertThat(entry("b")).isEmpty();
        hub.peers = List.of(swarm("b", false, "lab"));
        discovery.refresh();
        assertThat(entry("b")).as("back once it is alive again").isPresent();
    }

    @Test
    void manualPeersStayWhateverTheHubReports() {
        here.share("lab");
        PeerRecord manual = new PeerRecord("peer_manual", "m", "http://m.test/sync/v1", Optional.empty(),
                Optional.empty(), Optional.empty(), PeerSource.MANUAL, PeerStatus.PENDING, 0, Optional.empty(),
                Optional.empty(), List.of("lab"), here.app.clock.now(), 0, "admin");
        here.sync.savePeer(manual);
        hub.peers = List.of(swarm("m", false, "lab"));
        discovery.refresh();

        hub.peers = List.of();
        discovery.refresh();

        assertThat(here.sync.peer("peer_manual")).contains(manual);
    }

    @Test
    void waitingOnTheHubAsksWithTheVersionOfTheLastRefreshAndTellsWhetherMembershipMoved() {
        assertThat(discovery.awaitChange(Duration.ofSeconds(5))).as("nothing to wait on before a refresh").isFalse();
        here.share("lab");
        discovery.refresh();

        boolean unchanged = discovery.awaitChange(Duration.ofSeconds(5));
        hub.version = 8;
        boolean changed = discovery.awaitChange(Duration.ofSeconds(5));

        assertThat(unchanged).isFalse();
        assertThat(changed).isTrue();
        assertThat(hub.asked).endsWith(OptionalLong.of(7), OptionalLong.of(7));
    }
}
