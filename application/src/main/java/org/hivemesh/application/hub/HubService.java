package org.hivemesh.application.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.hivemesh.application.hub.port.in.HubUseCases;
import org.hivemesh.application.hub.port.out.HubStore;
import org.hivemesh.application.hub.port.out.HubStore.SwarmRecord;
import org.hivemesh.application.shared.Secrets;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdGenerator;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.domain.event.Ids;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.peer.InstanceIds;
import org.hivemesh.domain.peer.SyncEndpoint;

public final class HubService implements HubUseCases {
    private final HubStore hub;
    private final Transactions transactions;
    private final Audit audit;
    private final Clock clock;
    private final IdGenerator ids;
    private final Duration staleAfter;
    private final HubChanges changes;

    public HubService(HubStore hub, Transactions transactions, Audit audit, Clock clock, IdGenerator ids, Duration staleAfter,
                      HubChanges changes) {
        this.changes = changes;
        this.hub = hub;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
        this.staleAfter = staleAfter;
    }

    @Override
    public String issueRegistrationKey() {
        String key = ids.secret("hrk_");
        transactions.inTransaction(() -> {
            hub.addRegistrationKey(Secrets.hash(key), clock.now());
            audit.record("hub_key_issued", Optional.empty(),
                    "admin", JsonObject.builder().build());
            return null;
        });
        return key;
    }

    /** Idempotent per instance: registering again keeps the swarm ID and replaces the token. */
    @Override
    public Registered register(String registrationKey, RegisterSwarm request) {
        if (registrationKey == null || !hub.registrationKeyExists(Secrets.hash(registrationKey))) {
            throw HivemeshException.unauthenticated("a registration key issued by this hub's admin is required");
        }
        Ids.require("instance_id", request.instanceId());
        Ids.requireText("name", request.name(), 200);
        if (!request.capabilities().containsAll(REQUIRED_CAPABILITIES)) {
            throw HivemeshException.invalid("capabilities must include " + REQUIRED_CAPABILITIES);
        }
        try {
            if (!InstanceIds.matches(request.instanceId(), HexFormat.of().parseHex(request.signingKey()))) {
                throw HivemeshException.invalid("instance_id does not derive from signing_key");
            }
        } catch (IllegalArgumentException notHex) {
            throw HivemeshException.invalid("signing_key must be 64 hex characters");
        }
        String endpoint = SyncEndpoint.of(request.syncEndpoint()).value();
        String token = ids.secret("hsw_");
        return transactions.inTransaction(() -> {
            Optional<SwarmRecord> existing = hub.swarmByInstance(request.instanceId());
            SwarmRecord swarm = new SwarmRecord(existing.map(SwarmRecord::swarmId).orElseGet(() -> ids.id("swm_")),
                    request.name(), request.instanceId(), request.signingKey(), endpoint, request.capabilities(),
                    Secrets.hash(token), existing.map(SwarmRecord::registeredAt).orElse(clock.now()), clock.now());
            hub.saveSwarm(swarm);
            if (existing.map(e -> !e.syncEndpoint().equals(endpoint)).orElse(true)) {
                transactions.afterCommit(changes::changed);
            }
            audit.record("swarm_registered", Optional.empty(),
                    request.instanceId(), JsonObject.builder().put("swarm_id", swarm.swarmId()).put("endpoint", endpoint).build());
            return new Registered(swarm.swarmId(), token);
        });
    }

    @Override
    public SwarmRecord authenticate(String token, String swarmId) {
        if (token == null || token.isBlank()) {
            throw HivemeshException.unauthenticated("a swarm token is required (Authorization: Bearer <token>)");
        }
        SwarmRecord swarm = hub.swarmByToken(Secrets.hash(token))
                .orElseThrow(() -> HivemeshException.unauthenticated("unknown swarm token"));
        if (!swarm.swarmId().equals(swarmId)) {
            throw HivemeshException.forbidden("this token belongs to swarm " + swarm.swarmId());
        }
        return swarm;
    }

    @Override
    public SwarmRecord update(SwarmRecord swarm, UpdateSwarm request) {
        List<String> capabilities = request.capabilities().orElse(swarm.capabilities());
        if (!capabilities.containsAll(REQUIRED_CAPABILITIES)) {
            throw HivemeshException.invalid("capabilities must include " + REQUIRED_CAPABILITIES);
        }
        SwarmRecord updated = new SwarmRecord(swarm.swarmId(), request.name().orElse(swarm.name()), swarm.instanceId(),
                swarm.signingKey(), request.syncEndpoint().map(e -> SyncEndpoint.of(e).value()).orElse(swarm.syncEndpoint()),
                capabilities, swarm.tokenHash(), swarm.registeredAt(), clock.now());
        hub.saveSwarm(updated);
        if (!updated.syncEndpoint().equals(swarm.syncEndpoint()) || !updated.name().equals(swarm.name())) {
            changes.changed();
        }
        return updated;
    }

    @Override
    public void heartbeat(SwarmRecord swarm) {
        hub.saveSwarm(new SwarmRecord(swarm.swarmId(), swarm.name(), swarm.instanceId(), swarm.signingKey(),
                swarm.syncEndpoint(), swarm.capabilities(), swarm.tokenHash(), swarm.registeredAt(), clock.now()));
    }

    @Override
    public void joinHive(SwarmRecord swarm, String hiveName) {
        Ids.require("hive_name", hiveName);
        // Members re-announce their hives on every refresh: only a new membership is a change.
        if (!hub.hivesOf(swarm.swarmId()).contains(hiveName)) {
            hub.joinHive(swarm.swarmId(), hiveName, clock.now());
            changes.changed();
        }
    }

    @Override
    public void leaveHive(SwarmRecord swarm, String hiveName) {
        if (hub.hivesOf(swarm.swarmId()).contains(hiveName)) {
            hub.leaveHive(swarm.swarmId(), hiveName);
            changes.changed();
        }
    }

    @Override
    public PeerList peers(SwarmRecord swarm, OptionalLong seenVersion, Duration wait) {
        long version = changes.version();
        if (seenVersion.isPresent()) {
            try {
                version = changes.awaitChange(seenVersion.getAsLong(), wait);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        }
        return new PeerList(peers(swarm), version);
    }

    @Override
    public List<SwarmView> swarms() {
        return hub.swarms().stream().map(s -> new SwarmView(s.swarmId(), s.name(), s.instanceId(), s.syncEndpoint(),
                s.capabilities(), hub.hivesOf(s.swarmId()), stale(s), s.registeredAt(), s.lastHeartbeat())).toList();
    }

    private boolean stale(SwarmRecord swarm) {
        return swarm.lastHeartbeat().plus(staleAfter).isBefore(clock.now());
    }

    @Override
    public List<SwarmPeer> peers(SwarmRecord swarm) {
        Map<String, List<String>> shared = new LinkedHashMap<>();
        for (String hive : hub.hivesOf(swarm.swarmId())) {
            for (String member : hub.membersOf(hive)) {
                if (!member.equals(swarm.swarmId())) {
                    shared.computeIfAbsent(member, m -> new ArrayList<>()).add(hive);
                }
            }
        }
        List<SwarmPeer> peers = new ArrayList<>();
        shared.forEach((id, hives) -> hub.swarm(id).ifPresent(s -> peers.add(new SwarmPeer(s.swarmId(), s.name(),
                s.instanceId(), s.signingKey(), s.syncEndpoint(), hives,
                stale(s), s.lastHeartbeat()))));
        return peers;
    }
}
