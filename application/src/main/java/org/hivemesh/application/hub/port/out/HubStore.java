package org.hivemesh.application.hub.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The hub role's registry of swarms and their hives, and this instance's own registration with a hub. */
public interface HubStore {
    void addRegistrationKey(String keyHash, Instant at);

    boolean registrationKeyExists(String keyHash);

    /** Inserts or replaces the swarm with this ID. */
    void saveSwarm(SwarmRecord swarm);

    Optional<SwarmRecord> swarm(String swarmId);

    Optional<SwarmRecord> swarmByInstance(String instanceId);

    Optional<SwarmRecord> swarmByToken(String tokenHash);

    /** Every registered swarm, by swarm ID. */
    List<SwarmRecord> swarms();

    void joinHive(String swarmId, String hiveName, Instant at);

    void leaveHive(String swarmId, String hiveName);

    List<String> hivesOf(String swarmId);

    List<String> membersOf(String hiveName);

    void saveClientRegistration(ClientRegistration registration);

    Optional<ClientRegistration> clientRegistration(String hubUrl);

    void deleteClientRegistration(String hubUrl);

    record SwarmRecord(String swarmId, String name, String instanceId, String signingKey, String syncEndpoint,
                       List<String> capabilities, String tokenHash, Instant registeredAt, Instant lastHeartbeat) {
        public SwarmRecord {
            capabilities = List.copyOf(capabilities);
        }
    }

    /** This instance as a hub client: its swarm ID and token at one hub. */
    record ClientRegistration(String hubUrl, String swarmId, String token) {
    }
}
