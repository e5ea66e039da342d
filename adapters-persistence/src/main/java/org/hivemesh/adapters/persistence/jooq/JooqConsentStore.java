package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.consent.port.wire.ConsentJson;
import org.hivemesh.domain.consent.Cadence;
import org.hivemesh.domain.consent.MemberState;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.Roster;
import org.hivemesh.domain.consent.RosterMember;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.jooq.Condition;

final class JooqConsentStore implements ConsentStore {
    private final JooqTransactions tx;

    JooqConsentStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Roster roster(String groupId) {
        return new Roster(groupId, tx.ctx().select(INSTANCE_ID, ROSTER_STATE, SINCE).from(ROSTER).where(GROUP_ID.eq(groupId))
                .orderBy(SINCE, INSTANCE_ID).fetch(r -> new RosterMember(r.get(INSTANCE_ID),
                        MemberState.fromWire(r.get(ROSTER_STATE)), Instant.ofEpochMilli(r.get(SINCE)))));
    }

    @Override
    public void saveRosterMember(String groupId, RosterMember m) {
        tx.inTransaction(() -> tx.ctx().insertInto(ROSTER).set(GROUP_ID, groupId).set(INSTANCE_ID, m.instanceId())
                .set(ROSTER_STATE, m.state().wire()).set(SINCE, m.since().toEpochMilli())
                .onConflict(GROUP_ID, INSTANCE_ID).doUpdate().set(ROSTER_STATE, m.state().wire()).execute());
    }

    @Override
    public void removeRosterMember(String groupId, String instanceId) {
        tx.inTransaction(() -> tx.ctx().deleteFrom(ROSTER).where(GROUP_ID.eq(groupId).and(INSTANCE_ID.eq(instanceId)))
                .execute());
    }

    /** The plan column holds the plan as shown (its dry run, and a held merge's events); the record its round. */
    @Override
    public void savePlan(MergePlan p) {
        String plan = ConsentJson.plan(p).canonical();
        String round = ConsentJson.round(p.round()).canonical();
        String proposedBy = p.kind() instanceof MergeKind.Remote remote ? remote.proposedBy() : null;
        tx.inTransaction(() -> tx.ctx().insertInto(MERGE_PLANS).set(PLAN_ID, p.planId()).set(GROUP_ID, p.groupId())
                .set(PEER_INSTANCE_ID, p.kind().peerInstanceId()).set(KIND, p.kind().wire()).set(PROPOSED_BY, proposedBy)
                .set(PLAN, plan).set(RECORD, round).set(PLAN_STATUS, p.status().wire())
                .set(CREATED_AT, p.createdAt().toEpochMilli())
                .onConflict(PLAN_ID).doUpdate().set(RECORD, round).set(PLAN_STATUS, p.status().wire()).set(PLAN, plan)
                .execute());
    }

    @Override
    public Optional<MergePlan> plan(String planId) {
        return plans(PLAN_ID.eq(planId)).stream().findFirst();
    }

    @Override
    public List<MergePlan> plans(String groupId) {
        return plans(GROUP_ID.eq(groupId));
    }

    private List<MergePlan> plans(Condition where) {
        return tx.ctx().select(PLAN_ID, GROUP_ID, PEER_INSTANCE_ID, KIND, PROPOSED_BY, PLAN, RECORD, CREATED_AT)
                .from(MERGE_PLANS).where(where).orderBy(CREATED_AT, PLAN_ID).fetch(r -> {
                    JsonObject plan = Json.parseObject(r.get(PLAN));
                    String peer = r.get(PEER_INSTANCE_ID);
                    MergeKind kind = switch (r.get(KIND)) {
                        case "join" -> new MergeKind.Join(peer);
                        case "merge" -> new MergeKind.ContentMerge(peer, ConsentJson.heldEvents(plan));
                        case "remote" -> new MergeKind.Remote(peer, r.get(PROPOSED_BY));
                        default -> throw new IllegalStateException("unknown merge plan kind " + r.get(KIND));
                    };
                    return new MergePlan(r.get(PLAN_ID), r.get(GROUP_ID), kind, ConsentJson.summary(plan),
                            ConsentJson.round(Json.parseObject(r.get(RECORD))), Instant.ofEpochMilli(r.get(CREATED_AT)));
                });
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
