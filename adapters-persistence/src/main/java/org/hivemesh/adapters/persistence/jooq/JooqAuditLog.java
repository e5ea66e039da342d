package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.shared.port.out.AuditLog;
import org.hivemesh.domain.event.Json;
import org.jooq.impl.DSL;

/** Insert and select only: no code path updates or deletes an audit record. */
final class JooqAuditLog implements AuditLog {
    private final JooqTransactions tx;

    JooqAuditLog(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void record(AuditRecord record) {
        tx.inTransaction(() -> tx.ctx().insertInto(AUDIT_LOG).set(AUDIT_ID, record.id()).set(AT, record.at().toEpochMilli())
                .set(ACTION, record.action()).set(GROUP_ID, record.group().orElse(null)).set(ACTOR, record.actor())
                .set(DETAILS, record.details().canonical()).execute());
    }

    @Override
    public List<AuditRecord> list(Optional<String> group, int limit) {
        return tx.ctx().select(AUDIT_ID, AT, ACTION, GROUP_ID, ACTOR, DETAILS).from(AUDIT_LOG)
                .where(group.map(GROUP_ID::eq).orElse(DSL.noCondition()))
                .orderBy(AT.desc(), AUDIT_ID.desc()).limit(limit)
                .fetch(r -> new AuditRecord(r.get(AUDIT_ID), Instant.ofEpochMilli(r.get(AT)), r.get(ACTION),
                        Optional.ofNullable(r.get(GROUP_ID)), r.get(ACTOR), Json.parseObject(r.get(DETAILS))));
    }
}
