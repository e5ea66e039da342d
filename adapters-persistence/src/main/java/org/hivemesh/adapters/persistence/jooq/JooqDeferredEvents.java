package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hivemesh.application.sync.port.out.SyncStore.DeferredEvent;
import org.jooq.Condition;

/** Events held until their clock is due, for JooqSyncStore. */
final class JooqDeferredEvents {
    private final JooqTransactions tx;

    JooqDeferredEvents(JooqTransactions tx) {
        this.tx = tx;
    }

    void defer(DeferredEvent e) {
        tx.inTransaction(() -> tx.ctx().insertInto(DEFERRED_EVENTS).set(GROUP_ID, e.groupId()).set(EVENT_ID, e.eventId())
                .set(PEER_ID, e.peerId()).set(EVENT_JSON, e.eventJson()).set(ORIGIN_KEY, e.originKey())
                .set(DUE_AT, e.dueAt().toEpochMilli()).set(RECEIVED_AT, e.receivedAt().toEpochMilli())
                .onConflictDoNothing().execute());
    }

    Set<String> held(String groupId, List<String> eventIds) {
        return new HashSet<>(tx.ctx().select(EVENT_ID).from(DEFERRED_EVENTS)
                .where(GROUP_ID.eq(groupId).and(EVENT_ID.in(eventIds))).fetch(EVENT_ID));
    }

    int count(Condition where) {
        return tx.ctx().fetchCount(DEFERRED_EVENTS, where);
    }

    List<DeferredEvent> due(Instant now, int limit) {
        return tx.ctx().select(GROUP_ID, EVENT_ID, PEER_ID, EVENT_JSON, ORIGIN_KEY, DUE_AT, RECEIVED_AT).from(DEFERRED_EVENTS)
                .where(DUE_AT.le(now.toEpochMilli())).orderBy(DUE_AT, EVENT_ID).limit(limit)
                .fetch(r -> new DeferredEvent(r.get(GROUP_ID), r.get(EVENT_ID), r.get(PEER_ID), r.get(EVENT_JSON),
                        r.get(ORIGIN_KEY), Instant.ofEpochMilli(r.get(DUE_AT)), Instant.ofEpochMilli(r.get(RECEIVED_AT))));
    }

    void remove(String groupId, List<String> eventIds) {
        if (!eventIds.isEmpty()) {
            tx.inTransaction(() -> tx.ctx().deleteFrom(DEFERRED_EVENTS)
                    .where(GROUP_ID.eq(groupId).and(EVENT_ID.in(eventIds))).execute());
        }
    }
}
