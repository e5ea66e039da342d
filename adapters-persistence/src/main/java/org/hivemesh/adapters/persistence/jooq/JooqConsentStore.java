package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.domain.consent.Cadence;
import org.hivemesh.domain.event.Json;
import org.jooq.Condition;

final class JooqConsentStore implements ConsentStore {
    private final JooqTransactions tx;

    JooqConsentStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public List<RosterMember> roster(String groupId) {
        return tx.ctx().select(GROUP_ID, INSTANCE_ID, ROSTER_STATE, SINCE).from(ROSTER).where(GROUP_ID.eq(groupId))
                .orderBy(SINCE, INSTANCE_ID).fetch(r -> new RosterMember(r.get(GROUP_ID), r.get(INSTANCE_ID),
                        r.get(ROSTER_STATE), Instant.ofEpochMilli(r.get(SINCE))));
    }

    @Override
    public void saveRosterMember(RosterMember m) {
        tx.inTransaction(() -> tx.ctx().insertInto(ROSTER).set(GROUP_ID, m.groupId()).set(INSTANCE_ID, m.instanceId())
                .set(ROSTER_STATE, m.state()).set(SINCE, m.since().toEpochMilli())
                .onConflict(GROUP_ID, INSTANCE_ID).doUpdate().set(ROSTER_STATE, m.state()).execute());
    }

    @Override
    public void removeRosterMember(String groupId, String instanceId) {
        tx.inTransaction(() -> tx.ctx().deleteFrom(ROSTER).where(GROUP_ID.eq(groupId).and(INSTANCE_ID.eq(instanceId)))
                .execute());
    }

    @Override
    public void savePlan(PlanRecord p) {
        tx.inTransaction(() -> tx.ctx().insertInto(MERGE_PLANS).set(PLAN_ID, p.planId()).set(GROUP_ID, p.groupId())
                .set(PEER_INSTANCE_ID, p.peerInstanceId()).set(KIND, p.kind()).set(PLAN, p.plan().canonical())
                .set(RECORD, p.record().canonical()).set(PLAN_STATUS, p.status()).set(CREATED_AT, p.createdAt().toEpochMilli())
                .onConflict(PLAN_ID).doUpdate().set(RECORD, p.record().canonical()).set(PLAN_STATUS, p.status())
                .set(PLAN, p.plan().canonical()).execute());
    }

    @Override
    public Optional<PlanRecord> plan(String planId) {
        return plans(PLAN_ID.eq(planId)).stream().findFirst();
    }

    @Override
    public List<PlanRecord> plans(String groupId) {
        return plans(GROUP_ID.eq(groupId));
    }

    private List<PlanRecord> plans(Condition where) {
        return tx.ctx().select(PLAN_ID, GROUP_ID, PEER_INSTANCE_ID, KIND, PLAN, RECORD, PLAN_STATUS, CREATED_AT)
                .from(MERGE_PLANS).where(where).orderBy(CREATED_AT, PLAN_ID)
                .fetch(r -> new PlanRecord(r.get(PLAN_ID), r.get(GROUP_ID), r.get(PEER_INSTANCE_ID), r.get(KIND),
                        Json.parseObject(r.get(PLAN)), Json.parseObject(r.get(RECORD)), r.get(PLAN_STATUS),
                        Instant.ofEpochMilli(r.get(CREATED_AT))));
    }

    @Override
    public void notify(Notification n) {
        tx.inTransaction(() -> tx.ctx().insertInto(NOTIFICATIONS).set(NOTIFICATION_ID, n.id()).set(GROUP_ID, n.groupId())
                .set(RECIPIENT, n.recipient()).set(MESSAGE, n.message()).set(CREATED_AT, n.createdAt().toEpochMilli())
                .set(DELIVERED, 0).execute());
    }

    @Override
    public Optional<CadenceState> cadence(String groupId) {
        return tx.ctx().select(GROUP_ID, MODE, NIGHTLY_AT, LAST_ROUND, OPENED_AT, LAST_READ).from(CADENCE)
                .where(GROUP_ID.eq(groupId)).fetchOptional(r -> new CadenceState(r.get(GROUP_ID),
                        new Cadence(Cadence.Mode.fromWire(r.get(MODE)), LocalTime.parse(r.get(NIGHTLY_AT))),
                        instant(r.get(LAST_ROUND)), instant(r.get(OPENED_AT)), instant(r.get(LAST_READ))));
    }

    private static Optional<Instant> instant(Long millis) {
        return Optional.ofNullable(millis).map(Instant::ofEpochMilli);
    }

    @Override
    public void saveCadence(CadenceState c) {
        Long round = c.lastRound().map(Instant::toEpochMilli).orElse(null);
        Long opened = c.openedAt().map(Instant::toEpochMilli).orElse(null);
        Long read = c.lastRead().map(Instant::toEpochMilli).orElse(null);
        tx.inTransaction(() -> tx.ctx().insertInto(CADENCE).set(GROUP_ID, c.groupId()).set(MODE, c.cadence().mode().wire())
                .set(NIGHTLY_AT, c.cadence().nightlyAt().toString()).set(LAST_ROUND, round).set(OPENED_AT, opened)
                .set(LAST_READ, read).onConflict(GROUP_ID).doUpdate().set(MODE, c.cadence().mode().wire())
                .set(NIGHTLY_AT, c.cadence().nightlyAt().toString()).set(LAST_ROUND, round).set(OPENED_AT, opened)
                .set(LAST_READ, read).execute());
    }

    @Override
    public List<Notification> notifications(String groupId) {
        return tx.ctx().select(NOTIFICATION_ID, GROUP_ID, RECIPIENT, MESSAGE, CREATED_AT).from(NOTIFICATIONS)
                .where(GROUP_ID.eq(groupId)).orderBy(CREATED_AT, NOTIFICATION_ID)
                .fetch(r -> new Notification(r.get(NOTIFICATION_ID), r.get(GROUP_ID), r.get(RECIPIENT), r.get(MESSAGE),
                        Instant.ofEpochMilli(r.get(CREATED_AT))));
    }
}
