package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hivemesh.domain.peer.HiveSyncState;
import org.jooq.Condition;

/** Each (peer, hive)'s sync trouble, for JooqSyncStore. */
final class JooqHiveStates {
    private final JooqTransactions tx;

    JooqHiveStates(JooqTransactions tx) {
        this.tx = tx;
    }

    Optional<HiveSyncState> of(String peerId, String hiveName) {
        return hiveStates(PEER_ID.eq(peerId).and(GROUP_HIVE_NAME.eq(hiveName))).stream().findFirst();
    }

    List<HiveSyncState> of(String peerId) {
        return hiveStates(PEER_ID.eq(peerId));
    }

    private List<HiveSyncState> hiveStates(Condition where) {
        return tx.ctx().select(PEER_ID, GROUP_HIVE_NAME, KIND, PLAN_ID, STATE_DETAIL, STATE_FAILURES, SINCE, NEXT_ATTEMPT)
                .from(HIVE_SYNC_STATE).where(where).orderBy(GROUP_HIVE_NAME)
                .fetch(r -> new HiveSyncState(r.get(PEER_ID), r.get(GROUP_HIVE_NAME), HiveSyncState.Kind.fromWire(r.get(KIND)),
                        Optional.ofNullable(r.get(PLAN_ID)), r.get(STATE_DETAIL), r.get(STATE_FAILURES),
                        Instant.ofEpochMilli(r.get(SINCE)), instant(r.get(NEXT_ATTEMPT))));
    }

    /** Instant.MAX does not fit in epoch millis: "never" is stored as the largest long. */
    private static long millis(Instant at) {
        return at.equals(Instant.MAX) ? Long.MAX_VALUE : at.toEpochMilli();
    }

    private static Instant instant(long millis) {
        return millis == Long.MAX_VALUE ? Instant.MAX : Instant.ofEpochMilli(millis);
    }

    void save(HiveSyncState s) {
        tx.inTransaction(() -> tx.ctx().insertInto(HIVE_SYNC_STATE).set(PEER_ID, s.peerId()).set(GROUP_HIVE_NAME, s.hiveName())
                .set(KIND, s.kind().wire()).set(PLAN_ID, s.planId().orElse(null)).set(STATE_DETAIL, s.detail())
                .set(STATE_FAILURES, s.failures()).set(SINCE, s.since().toEpochMilli()).set(NEXT_ATTEMPT, millis(s.nextAttempt()))
                .onConflict(PEER_ID, GROUP_HIVE_NAME).doUpdate().set(KIND, s.kind().wire()).set(PLAN_ID, s.planId().orElse(null))
                .set(STATE_DETAIL, s.detail()).set(STATE_FAILURES, s.failures()).set(SINCE, s.since().toEpochMilli())
                .set(NEXT_ATTEMPT, millis(s.nextAttempt())).execute());
    }

    void clear(String peerId, String hiveName) {
        tx.inTransaction(() -> tx.ctx().deleteFrom(HIVE_SYNC_STATE)
                .where(PEER_ID.eq(peerId).and(GROUP_HIVE_NAME.eq(hiveName))).execute());
    }
}
