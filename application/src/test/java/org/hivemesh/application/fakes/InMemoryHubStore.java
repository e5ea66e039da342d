package org.hivemesh.application.fakes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hivemesh.application.hub.port.out.HubStore;

public final class InMemoryHubStore implements HubStore {
    private final Set<String> keys = new TreeSet<>();
    private final Map<String, SwarmRecord> swarms = new LinkedHashMap<>();
    private final Set<String> memberships = new TreeSet<>();
    private final Map<String, ClientRegistration> registrations = new LinkedHashMap<>();

    @Override
    public synchronized void addRegistrationKey(String keyHash, Instant at) {
        keys.add(keyHash);
    }

    @Override
    public synchronized boolean registrationKeyExists(String keyHash) {
        return keys.contains(keyHash);
    }

    @Override
    public synchronized void saveSwarm(SwarmRecord swarm) {
        swarms.put(swarm.swarmId(), swarm);
    }

    @Override
    public synchronized Optional<SwarmRecord> swarm(String swarmId) {
        return Optional.ofNullable(swarms.get(swarmId));
    }

    @Override
    public synchronized Optional<SwarmRecord> swarmByInstance(String instanceId) {
        return swarms.values().stream().filter(s -> s.instanceId().equals(instanceId)).findFirst();
    }

    @Override
    public synchronized List<SwarmRecord> swarms() {
        return swarms.values().stream().sorted(java.util.Comparator.comparing(SwarmRecord::swarmId)).toList();
    }

    @Override
    public synchronized Optional<SwarmRecord> swarmByToken(String tokenHash) {
        return swarms.values().stream().filter(s -> s.tokenHash().equals(tokenHash)).findFirst();
    }

    @Override
    public synchronized void joinHive(String swarmId, String hiveName, Instant at) {
        memberships.add(swarmId + "|" + hiveName);
    }

    @Override
    public synchronized void leaveHive(String swarmId, String hiveName) {
        memberships.remove(swarmId + "|" + hiveName);
    }

    @Override
    public synchronized List<String> hivesOf(String swarmId) {
        return memberships.stream().filter(m -> m.startsWith(swarmId + "|")).map(m -> m.substring(swarmId.length() + 1))
                .toList();
    }

    @Override
    public synchronized List<String> membersOf(String hiveName) {
        return memberships.stream().filter(m -> m.endsWith("|" + hiveName)).map(m -> m.substring(0, m.indexOf('|')))
                .toList();
    }

    @Override
    public synchronized void saveClientRegistration(ClientRegistration registration) {
        registrations.put(registration.hubUrl(), registration);
    }

    @Override
    public synchronized Optional<ClientRegistration> clientRegistration(String hubUrl) {
        return Optional.ofNullable(registrations.get(hubUrl));
    }

    @Override
    public synchronized void deleteClientRegistration(String hubUrl) {
        registrations.remove(hubUrl);
    }
}
