package org.hivemesh.adapters.persistence.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.application.contract.GovernanceStoreContract;
import org.hivemesh.application.contract.Stores;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.hive.HiveRules;
import org.hivemesh.domain.testing.Events;
import org.hivemesh.domain.testing.HistoryGenerator;
import org.junit.jupiter.api.Test;

/** The storage contract plus what only a real database can promise: atomic rollback. */
public abstract class SqlStoreContract extends GovernanceStoreContract {
    protected abstract Database database();

    @Override
    protected Stores stores() {
        Database db = database();
        return new Stores(db.events(), db.state(), db.hives(), db.credentials(), db.audit(), db.identity(),
                db.transactions(), db.sync(),
                db.consent(), db.hub());
    }

    @Test
    void aFailedTransactionStoresNeitherEventsNorState() {
        String group = unique("grp_tx");
        Event post = Events.event(group, "inst_a", new Hlc(5000, 0), new EventPayload.PostCreated("t",
                Optional.empty(), Optional.empty(), Events.agent("inst_a", "alice")));

        assertThatThrownBy(() -> stores().transactions().inTransaction(() -> {
            stores().events().append(group, List.of(post));
            stores().state().apply(group, HistoryGenerator.owner(), List.of(post));
            throw new IllegalStateException("crash before commit");
        })).hasMessageContaining("crash before commit");

        assertThat(stores().events().count(group)).isZero();
        assertThat(stores().events().currentSeq(group)).isZero();
        assertThat(stores().state().groupOf(org.hivemesh.domain.hive.EntityKind.POST, HiveRules.postId(post))).isEmpty();
    }

    @Test
    void anEventOfAnotherGroupIsRefusedAndNothingIsStored() {
        String group = unique("grp_g");
        Event stranger = Events.event(unique("grp_other"), "inst_a", new Hlc(5000, 0), new EventPayload.PostCreated("t",
                Optional.empty(), Optional.empty(), Events.agent("inst_a", "alice")));

        assertThatThrownBy(() -> stores().events().append(group, List.of(stranger)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stores().events().count(group)).isZero();
    }
}
