package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.HiveSyncState;
import org.hivemesh.domain.peer.PeerCursor;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

final class JooqSyncStore implements SyncStore {
    private final JooqTransactions tx;
    private final JooqHiveStates hiveStates;
    private final JooqDeferredEvents deferred;

    JooqSyncStore(JooqTransactions tx) {
        this.tx = tx;
        this.hiveStates = new JooqHiveStates(tx);
        this.deferred = new JooqDeferredEvents(tx);
    }

    @Override
    public void createGroup(SyncGroup group, Instant at) {
        tx.inTransaction(() -> tx.ctx().insertInto(SYNC_GROUPS).set(GROUP_ID, group.groupId())
                .set(GROUP_HIVE_NAME, group.hiveName()).set(OWNER_INSTANCE_ID, group.ownerInstanceId())
                .set(CONSENT, group.consent().wire()).set(METHOD, group.method()).set(LINEAGE, group.lineage())
                .set(CREATED_AT, at.toEpochMilli()).execute());
    }

    @Override
    public Optional<SyncGroup> group(String groupId) {
        return groups(GROUP_ID.eq(groupId)).stream().findFirst();
    }

    @Override
    public Optional<SyncGroup> groupByHive(String hiveName) {
        return groups(GROUP_HIVE_NAME.eq(hiveName)).stream().findFirst();
    }

    @Override
    public List<SyncGroup> groups() {
        return groups(org.jooq.impl.DSL.noCondition());
    }

    private List<SyncGroup> groups(Condition where) {
        return tx.ctx().select(GROUP_ID, GROUP_HIVE_NAME, OWNER_INSTANCE_ID, CONSENT, METHOD, LINEAGE).from(SYNC_GROUPS)
                .where(where).orderBy(GROUP_HIVE_NAME)
                .fetch(r -> new SyncGroup(r.get(GROUP_ID), r.get(GROUP_HIVE_NAME), r.get(OWNER_INSTANCE_ID),
                        Consent.fromWire(r.get(CONSENT)), r.get(METHOD), r.get(LINEAGE)));
    }

    @Override
    public void deleteGroup(String groupId) {
        tx.inTransaction(() -> tx.ctx().deleteFrom(SYNC_GROUPS).where(GROUP_ID.eq(groupId)).execute());
    }

    @Override
    public void changeMethod(String groupId, String method) {
        tx.inTransaction(() -> tx.ctx().update(SYNC_GROUPS).set(METHOD, method).where(GROUP_ID.eq(groupId)).execute());
    }

    @Override
    public void savePeer(PeerRecord p) {
        String hives = new JsonValue.JsonArray(p.sharedHives().stream().<JsonValue>map(JsonValue::of).toList()).canonical();
        tx.inTransaction(() -> tx.ctx().insertInto(PEERS).set(PEER_ID, p.peerId()).set(PEER_NAME, p.name())
                .set(SYNC_ENDPOINT, p.syncEndpoint()).set(INSTANCE_ID, p.instanceId().orElse(null))
                .set(SIGNING_KEY, p.signingKey().orElse(null)).set(OUTBOUND_TOKEN, p.outboundToken().orElse(null))
                .set(SOURCE, p.source().wire()).set(PEER_STATUS, p.status().wire()).set(FAILURES, p.consecutiveFailures())
                .set(LAST_SEEN, p.lastSeen().map(Instant::toEpochMilli).orElse(null))
                .set(LAST_ERROR, p.lastError().orElse(null)).set(SHARED_HIVES, hives)
                .set(CREATED_AT, p.createdAt().toEpochMilli()).set(LEARNED_TTL, p.learnedTtl())
                .set(DISCOVERED_VIA, p.discoveredVia())
                .onConflict(PEER_ID).doUpdate()
                .set(PEER_NAME, p.name()).set(SYNC_ENDPOINT, p.syncEndpoint()).set(INSTANCE_ID, p.instanceId().orElse(null))
                .set(SIGNING_KEY, p.signingKey().orElse(null)).set(OUTBOUND_TOKEN, p.outboundToken().orElse(null))
                .set(SOURCE, p.source().wire()).set(PEER_STATUS, p.status().wire()).set(FAILURES, p.consecutiveFailures())
                .set(LAST_SEEN, p.lastSeen().map(Instant::toEpochMilli).orElse(null))
                .set(LAST_ERROR, p.lastError().orElse(null)).set(SHARED_HIVES, hives).set(LEARNED_TTL, p.learnedTtl())
                .set(DISCOVERED_VIA, p.discoveredVia()).execute());
    }

    @Override
    public void recordContact(String peerId, PeerStatus status, int failures, Optional<Instant> lastSeen,
                              Optional<String> error) {
        tx.inTransaction(() -> tx.ctx().update(PEERS).set(PEER_STATUS, status.wire()).set(FAILURES, failures)
                .set(LAST_SEEN, lastSeen.map(Instant::toEpochMilli).orElse(null)).set(LAST_ERROR, error.orElse(null))
                .where(PEER_ID.eq(peerId)).execute());
    }

    @Override
    public Optional<PeerRecord> peer(String peerId) {
        return peers(PEER_ID.eq(peerId)).stream().findFirst();
    }

    @Override
    public Optional<PeerRecord> peerByInstance(String instanceId) {
        return peers(INSTANCE_ID.eq(instanceId)).stream().findFirst();
    }

    @Override
    public Optional<PeerRecord> peerByEndpoint(String syncEndpoint) {
        return peers(SYNC_ENDPOINT.eq(syncEndpoint)).stream().findFirst();
    }

    @Override
    public List<PeerRecord> peers() {
        return peers(org.jooq.impl.DSL.noCondition());
    }

    private List<PeerRecord> peers(Condition where) {
        return tx.ctx().select(PEER_ID, PEER_NAME, SYNC_ENDPOINT, INSTANCE_ID, SIGNING_KEY, OUTBOUND_TOKEN, SOURCE,
                        PEER_STATUS, FAILURES, LAST_SEEN, LAST_ERROR, SHARED_HIVES, CREATED_AT, LEARNED_TTL, DISCOVERED_VIA)
                .from(PEERS).where(where).orderBy(CREATED_AT, PEER_ID).fetch(JooqSyncStore::peer);
    }

    private static PeerRecord peer(Record r) {
        List<String> hives = new ArrayList<>();
        ((JsonValue.JsonArray) Json.parse(r.get(SHARED_HIVES))).items()
                .forEach(v -> hives.add(((JsonValue.JsonString) v).value()));
        return new PeerRecord(r.get(PEER_ID), r.get(PEER_NAME), r.get(SYNC_ENDPOINT), Optional.ofNullable(r.get(INSTANCE_ID)),
                Optional.ofNullable(r.get(SIGNING_KEY)), Optional.ofNullable(r.get(OUTBOUND_TOKEN)),
                PeerSource.fromWire(r.get(SOURCE)), PeerStatus.fromWire(r.get(PEER_STATUS)), r.get(FAILURES),
                Optional.ofNullable(r.get(LAST_SEEN)).map(Instant::ofEpochMilli), Optional.ofNullable(r.get(LAST_ERROR)),
                hives, Instant.ofEpochMilli(r.get(CREATED_AT)), r.get(LEARNED_TTL), r.get(DISCOVERED_VIA));
    }

    @Override
    public void deletePeer(String peerId) {
        tx.inTransaction(() -> {
            tx.ctx().deleteFrom(PEER_TOKENS).where(PEER_ID.eq(peerId)).execute();
            tx.ctx().deleteFrom(PEER_GROUPS).where(PEER_ID.eq(peerId)).execute();
            tx.ctx().deleteFrom(HIVE_SYNC_STATE).where(PEER_ID.eq(peerId)).execute();
            return tx.ctx().deleteFrom(PEERS).where(PEER_ID.eq(peerId)).execute();
        });
    }

    @Override
    public void addInboundToken(String peerId, String tokenHash, Instant at, Instant expiresAt) {
        tx.inTransaction(() -> tx.ctx().insertInto(PEER_TOKENS).set(TOKEN_HASH, tokenHash).set(PEER_ID, peerId)
                .set(CREATED_AT, at.toEpochMilli()).set(EXPIRES_AT, expiresAt.toEpochMilli()).onConflictDoNothing()
                .execute());
    }

    @Override
    public Optional<InboundToken> peerByInboundToken(String tokenHash) {
        return tx.ctx().select(PEER_ID, EXPIRES_AT).from(PEER_TOKENS).where(TOKEN_HASH.eq(tokenHash)).fetchOptional()
                .flatMap(r -> peer(r.get(PEER_ID)).map(p -> new InboundToken(p, Instant.ofEpochMilli(r.get(EXPIRES_AT)))));
    }

    @Override
    public void link(String peerId, String groupId) {
        tx.inTransaction(() -> tx.ctx().insertInto(PEER_GROUPS).set(PEER_ID, peerId).set(GROUP_ID, groupId)
                .set(LAST_SEQ_SENT, 0L).set(LAST_SEQ_RECEIVED, 0L).set(REMOTE_SEQ, 0L)
                .onConflictDoNothing().execute());
    }

    @Override
    public void unlink(String peerId, String groupId) {
        tx.inTransaction(() -> tx.ctx().deleteFrom(PEER_GROUPS).where(PEER_ID.eq(peerId).and(GROUP_ID.eq(groupId))).execute());
    }

    @Override
    public List<PeerLink> links(String peerId) {
        return links(PEER_ID.eq(peerId));
    }

    @Override
    public List<PeerLink> linksOfGroup(String groupId) {
        return links(GROUP_ID.eq(groupId));
    }

    @Override
    public Optional<PeerLink> findLink(String peerId, String groupId) {
        return links(PEER_ID.eq(peerId).and(GROUP_ID.eq(groupId))).stream().findFirst();
    }

    private List<PeerLink> links(Condition where) {
        return tx.ctx().select(PEER_ID, GROUP_ID, LAST_SEQ_SENT, LAST_SEQ_RECEIVED, REMOTE_SEQ, LAST_SYNC)
                .from(PEER_GROUPS).where(where).orderBy(PEER_ID, GROUP_ID)
                .fetch(r -> new PeerLink(r.get(PEER_ID), r.get(GROUP_ID), new PeerCursor(r.get(LAST_SEQ_SENT),
                        r.get(LAST_SEQ_RECEIVED), r.get(REMOTE_SEQ)), Optional.ofNullable(r.get(LAST_SYNC)).map(Instant::ofEpochMilli)));
    }

    @Override
    public Optional<HiveSyncState> hiveState(String peerId, String hiveName) {
        return hiveStates.of(peerId, hiveName);
    }

    @Override
    public List<HiveSyncState> hiveStates(String peerId) {
        return hiveStates.of(peerId);
    }

    @Override
    public void saveHiveState(HiveSyncState state) {
        hiveStates.save(state);
    }

    @Override
    public void clearHiveState(String peerId, String hiveName) {
        hiveStates.clear(peerId, hiveName);
    }

    @Override
    public void updateLink(PeerLink link) {
        tx.inTransaction(() -> tx.ctx().update(PEER_GROUPS).set(LAST_SEQ_SENT, link.cursor().sent())
                .set(LAST_SEQ_RECEIVED, link.cursor().received()).set(REMOTE_SEQ, link.cursor().remote())
                .set(LAST_SYNC, link.lastSync().map(Instant::toEpochMilli).orElse(null))
                .where(PEER_ID.eq(link.peerId()).and(GROUP_ID.eq(link.groupId()))).execute());
    }

    @Override
    public void quarantine(String groupId, String peerId, List<QuarantinedEvent> events, int keep) {
        if (events.isEmpty()) {
            return;
        }
        tx.inTransaction(() -> {
            DSLContext c = tx.ctx();
            c.insertInto(QUARANTINE_COUNTS).set(GROUP_ID, groupId).set(COUNT, (long) events.size())
                    .onConflict(GROUP_ID).doUpdate().set(COUNT, q(QUARANTINE_COUNTS, COUNT).plus(events.size())).execute();
            List<QuarantinedEvent> latest = events.subList(Math.max(0, events.size() - keep), events.size());
            for (QuarantinedEvent e : latest) {
                c.insertInto(QUARANTINE).set(QUARANTINE_ID, e.id()).set(GROUP_ID, e.groupId())
                        .set(EVENT_ID, e.eventId().orElse(null)).set(PEER_ID, e.peerId()).set(REASON, e.reason())
                        .set(AT, e.at().toEpochMilli()).onConflict(QUARANTINE_ID).doUpdate()
                        .set(REASON, e.reason()).set(AT, e.at().toEpochMilli()).execute();
            }
            List<String> dropped = c.select(QUARANTINE_ID).from(QUARANTINE)
                    .where(GROUP_ID.eq(groupId).and(PEER_ID.eq(peerId))).orderBy(AT.desc(), QUARANTINE_ID.desc())
                    .offset(keep).fetch(QUARANTINE_ID);
            if (!dropped.isEmpty()) {
                c.deleteFrom(QUARANTINE).where(QUARANTINE_ID.in(dropped)).execute();
            }
            return null;
        });
    }

    @Override
    public List<QuarantinedEvent> quarantined(String groupId, int limit) {
        return tx.ctx().select(QUARANTINE_ID, GROUP_ID, EVENT_ID, PEER_ID, REASON, AT).from(QUARANTINE)
                .where(GROUP_ID.eq(groupId)).orderBy(AT.desc(), QUARANTINE_ID.desc()).limit(limit)
                .fetch(r -> new QuarantinedEvent(r.get(QUARANTINE_ID), r.get(GROUP_ID), Optional.ofNullable(r.get(EVENT_ID)),
                        r.get(PEER_ID), r.get(REASON), Instant.ofEpochMilli(r.get(AT))));
    }

    @Override
    public long quarantinedCount(String groupId) {
        return tx.ctx().select(COUNT).from(QUARANTINE_COUNTS).where(GROUP_ID.eq(groupId)).fetchOptional(COUNT).orElse(0L);
    }

    @Override
    public void defer(DeferredEvent e) {
        deferred.defer(e);
    }

    @Override
    public int deferredCount(String groupId, String peerId) {
        return deferred.count(GROUP_ID.eq(groupId).and(PEER_ID.eq(peerId)));
    }

    @Override
    public Set<String> heldEventIds(String groupId, List<String> eventIds) {
        return deferred.held(groupId, eventIds);
    }

    @Override
    public int deferredCount(String groupId) {
        return deferred.count(GROUP_ID.eq(groupId));
    }

    @Override
    public List<DeferredEvent> dueDeferred(Instant now, int limit) {
        return deferred.due(now, limit);
    }

    @Override
    public void removeDeferred(String groupId, List<String> eventIds) {
        deferred.remove(groupId, eventIds);
    }

    @Override
    public void rememberKey(String instanceId, String publicKeyHex) {
        tx.inTransaction(() -> tx.ctx().insertInto(INSTANCE_KEYS).set(INSTANCE_ID, instanceId).set(SIGNING_KEY, publicKeyHex)
                .onConflictDoNothing().execute());
    }

    @Override
    public Optional<String> keyOf(String instanceId) {
        return tx.ctx().select(SIGNING_KEY).from(INSTANCE_KEYS).where(INSTANCE_ID.eq(instanceId)).fetchOptional(SIGNING_KEY);
    }
}
