package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.hub.port.out.HubStore;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue;
import org.jooq.Condition;
import org.jooq.Record;

final class JooqHubStore implements HubStore {
    private final JooqTransactions tx;

    JooqHubStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void addRegistrationKey(String keyHash, Instant at) {
        tx.inTransaction(() -> tx.ctx().insertInto(HUB_KEYS).set(KEY_HASH, keyHash).set(CREATED_AT, at.toEpochMilli())
                .onConflictDoNothing().execute());
    }

    @Override
    public boolean registrationKeyExists(String keyHash) {
        return tx.ctx().fetchExists(HUB_KEYS, KEY_HASH.eq(keyHash));
    }

    @Override
    public void saveSwarm(SwarmRecord s) {
        String capabilities = new JsonValue.JsonArray(s.capabilities().stream().<JsonValue>map(JsonValue::of).toList()).canonical();
        tx.inTransaction(() -> tx.ctx().insertInto(HUB_SWARMS).set(SWARM_ID, s.swarmId()).set(PEER_NAME, s.name())
                .set(INSTANCE_ID, s.instanceId()).set(SIGNING_KEY, s.signingKey()).set(SYNC_ENDPOINT, s.syncEndpoint())
                .set(CAPABILITIES, capabilities).set(TOKEN_HASH, s.tokenHash())
                .set(REGISTERED_AT, s.registeredAt().toEpochMilli()).set(LAST_HEARTBEAT, s.lastHeartbeat().toEpochMilli())
                .onConflict(SWARM_ID).doUpdate().set(PEER_NAME, s.name()).set(SIGNING_KEY, s.signingKey())
                .set(SYNC_ENDPOINT, s.syncEndpoint()).set(CAPABILITIES, capabilities).set(TOKEN_HASH, s.tokenHash())
                .set(LAST_HEARTBEAT, s.lastHeartbeat().toEpochMilli()).execute());
    }

    @Override
    public Optional<SwarmRecord> swarm(String swarmId) {
        return swarm(SWARM_ID.eq(swarmId));
    }

    @Override
    public Optional<SwarmRecord> swarmByInstance(String instanceId) {
        return swarm(INSTANCE_ID.eq(instanceId));
    }

    @Override
    public Optional<SwarmRecord> swarmByToken(String tokenHash) {
        return swarm(TOKEN_HASH.eq(tokenHash));
    }

    @Override
    public List<SwarmRecord> swarms() {
        return tx.ctx().select(SWARM_ID, PEER_NAME, INSTANCE_ID, SIGNING_KEY, SYNC_ENDPOINT, CAPABILITIES, TOKEN_HASH,
                REGISTERED_AT, LAST_HEARTBEAT).from(HUB_SWARMS).orderBy(SWARM_ID).fetch(JooqHubStore::swarm);
    }

    private Optional<SwarmRecord> swarm(Condition where) {
        return tx.ctx().select(SWARM_ID, PEER_NAME, INSTANCE_ID, SIGNING_KEY, SYNC_ENDPOINT, CAPABILITIES, TOKEN_HASH,
                REGISTERED_AT, LAST_HEARTBEAT).from(HUB_SWARMS).where(where).fetchOptional(JooqHubStore::swarm);
    }

    private static SwarmRecord swarm(Record r) {
        List<String> capabilities = new ArrayList<>();
        ((JsonValue.JsonArray) Json.parse(r.get(CAPABILITIES))).items()
                .forEach(v -> capabilities.add(((JsonValue.JsonString) v).value()));
        return new SwarmRecord(r.get(SWARM_ID), r.get(PEER_NAME), r.get(INSTANCE_ID), r.get(SIGNING_KEY),
                r.get(SYNC_ENDPOINT), capabilities, r.get(TOKEN_HASH), Instant.ofEpochMilli(r.get(REGISTERED_AT)),
                Instant.ofEpochMilli(r.get(LAST_HEARTBEAT)));
    }

    @Override
    public void joinHive(String swarmId, String hiveName, Instant at) {
        tx.inTransaction(() -> tx.ctx().insertInto(HUB_MEMBERSHIPS).set(SWARM_ID, swarmId).set(GROUP_HIVE_NAME, hiveName)
                .set(JOINED_AT, at.toEpochMilli()).onConflictDoNothing().execute());
    }

    @Override
    public void leaveHive(String swarmId, String hiveName) {
        tx.inTransaction(() -> tx.ctx().deleteFrom(HUB_MEMBERSHIPS)
                .where(SWARM_ID.eq(swarmId).and(GROUP_HIVE_NAME.eq(hiveName))).execute());
    }

    @Override
    public List<String> hivesOf(String swarmId) {
        return tx.ctx().select(GROUP_HIVE_NAME).from(HUB_MEMBERSHIPS).where(SWARM_ID.eq(swarmId)).orderBy(GROUP_HIVE_NAME)
                .fetch(GROUP_HIVE_NAME);
    }

    @Override
    public List<String> membersOf(String hiveName) {
        return tx.ctx().select(SWARM_ID).from(HUB_MEMBERSHIPS).where(GROUP_HIVE_NAME.eq(hiveName)).orderBy(SWARM_ID)
                .fetch(SWARM_ID);
    }

    @Override
    public void saveClientRegistration(ClientRegistration r) {
        tx.inTransaction(() -> tx.ctx().insertInto(HUB_CLIENT).set(HUB_URL, r.hubUrl()).set(SWARM_ID, r.swarmId())
                .set(TOKEN, r.token()).onConflict(HUB_URL).doUpdate().set(SWARM_ID, r.swarmId()).set(TOKEN, r.token())
                .execute());
    }

    @Override
    public Optional<ClientRegistration> clientRegistration(String hubUrl) {
        return tx.ctx().select(HUB_URL, SWARM_ID, TOKEN).from(HUB_CLIENT).where(HUB_URL.eq(hubUrl))
                .fetchOptional(r -> new ClientRegistration(r.get(HUB_URL), r.get(SWARM_ID), r.get(TOKEN)));
    }

    @Override
    public void deleteClientRegistration(String hubUrl) {
        tx.inTransaction(() -> tx.ctx().deleteFrom(HUB_CLIENT).where(HUB_URL.eq(hubUrl)).execute());
    }
}
