package org.hivemesh.adapters.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.adapters.persistence.jooq.StoreCapacity;
import org.hivemesh.adapters.persistence.testing.StorageFullContract;
import org.hivemesh.adapters.persistence.testing.TestDatabases;
import org.hivemesh.application.shared.port.out.StorageFull;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.testing.Events;
import org.hivemesh.domain.testing.HistoryGenerator;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

class PostgresStorageFullIT extends StorageFullContract {
    @Override
    protected Database freshDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    protected StoreCapacity capacity(Database database) {
        return StoreCapacity.postgres(database);
    }

    @Test
    void otherResourceErrorsOfClass53AreNotAFullStore() {
        try (Database db = freshDatabase()) {
            StoreCapacity.postgres(db, "out_of_memory").fill();
            Event post = Events.event("grp_oom", "inst_a", new Hlc(5000, 0), new EventPayload.PostCreated("t",
                    Optional.empty(), Optional.empty(), Events.agent("inst_a", "alice")));

            assertThatThrownBy(() -> db.transactions().inTransaction(() -> {
                db.events().append("grp_oom", List.of(post));
                db.state().apply("grp_oom", HistoryGenerator.owner(), List.of(post));
                return null;
            })).isInstanceOf(DataAccessException.class).isNotInstanceOf(StorageFull.class);
            assertThat(db.events().count("grp_oom")).isZero();
            assertThat(db.writeProblem()).contains("the store cannot take a write");
        }
    }
}
