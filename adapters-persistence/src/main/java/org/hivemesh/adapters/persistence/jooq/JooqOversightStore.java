package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.util.Optional;
import org.hivemesh.application.sync.port.out.OversightStore;
import org.hivemesh.application.sync.port.wire.OversightJson;
import org.hivemesh.domain.consent.OversightPolicy;
import org.hivemesh.domain.event.Json;

/** Each group's oversight policy, stored as the JSON the admin API shows. */
final class JooqOversightStore implements OversightStore {
    private final JooqTransactions tx;

    JooqOversightStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<OversightPolicy> oversight(String groupId) {
        return tx.ctx().select(OVERSIGHT_POLICY).from(GROUP_OVERSIGHT).where(GROUP_ID.eq(groupId))
                .fetchOptional(r -> OversightJson.policy(Json.parseObject(r.get(OVERSIGHT_POLICY))));
    }

    @Override
    public void saveOversight(String groupId, OversightPolicy policy) {
        String json = OversightJson.toJson(policy).canonical();
        tx.inTransaction(() -> tx.ctx().insertInto(GROUP_OVERSIGHT).set(GROUP_ID, groupId).set(OVERSIGHT_POLICY, json)
                .onConflict(GROUP_ID).doUpdate().set(OVERSIGHT_POLICY, json).execute());
    }
}
