package org.hivemesh.application.hub.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.hivemesh.application.hub.port.out.HubStore.SwarmRecord;

/** The hub role (when enabled): a registry of swarms (instances), the hives they share, and who is alive. */
public interface HubUseCases {
    List<String> REQUIRED_CAPABILITIES = List.of("hive_sync", "sync_endpoint");

    /** The longest a member waits on the hub for a membership change. */
    Duration MAX_PEERS_WAIT = Duration.ofSeconds(25);

    /** A key the hub's admin hands to an instance so it can register; shown once, stored as a hash. */
    String issueRegistrationKey();

    Registered register(String registrationKey, RegisterSwarm request);

    SwarmRecord authenticate(String token, String swarmId);

    SwarmRecord update(SwarmRecord swarm, UpdateSwarm request);

    void heartbeat(SwarmRecord swarm);

    void joinHive(SwarmRecord swarm, String hiveName);

    void leaveHive(SwarmRecord swarm, String hiveName);

    /** Swarms sharing at least one hive with this one, with the hives they share and whether they are stale. */
    List<SwarmPeer> peers(SwarmRecord swarm);

    /**
     * The peers with the hub's membership version; with the version a caller saw, waits for the next change up to
     * {@code wait} (a long poll, bounded by the hub) before answering.
     */
    PeerList peers(SwarmRecord swarm, OptionalLong seenVersion, Duration wait);

    record PeerList(List<SwarmPeer> peers, long version) {
        public PeerList {
            peers = List.copyOf(peers);
        }
    }

    /** Every registered swarm with its hives and whether it is stale: the hub admin's view. */
    List<SwarmView> swarms();

    record RegisterSwarm(String name, String instanceId, String signingKey, String syncEndpoint, List<String> capabilities) {
    }

    record UpdateSwarm(Optional<String> name, Optional<String> syncEndpoint, Optional<List<String>> capabilities) {
    }

    record Registered(String swarmId, String token) {
    }

    record SwarmView(String swarmId, String name, String instanceId, String syncEndpoint, List<String> capabilities,
                     List<String> hives, boolean stale, Instant registeredAt, Instant lastHeartbeat) {
    }

    record SwarmPeer(String swarmId, String name, String instanceId, String signingKey, String syncEndpoint,
                     List<String> sharedHives, boolean stale, Instant lastHeartbeat) {
    }
}
