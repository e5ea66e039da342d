package org.hivemesh.adapters.persistence.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.adapters.persistence.jooq.StoreCapacity;
import org.hivemesh.application.shared.port.out.StorageFull;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.hive.EntityKind;
import org.hivemesh.domain.hive.HiveRules;
import org.hivemesh.domain.testing.Events;
import org.hivemesh.domain.testing.HistoryGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A store that runs out of room: every backend refuses the write whole, as StorageFull, and recovers. */
public abstract class StorageFullContract {
    /** A database of its own: filling it must not touch other suites. */
    protected abstract Database freshDatabase();

    protected abstract StoreCapacity capacity(Database database);

    private final String group = "grp_full" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private Database db;
    private int written;

    @BeforeEach
    void open() {
        db = freshDatabase();
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A post appended and materialized in one transaction, as every local write is. */
    private Event write() {
        return write(() -> {
        });
    }

    private Event write(Runnable beforeCommit) {
        Event post = Events.event(group, "inst_a", new Hlc(5000 + written++, 0), new EventPayload.PostCreated(
                "post " + written + " " + "x".repeat(200), Optional.empty(), Optional.empty(), Events.agent("inst_a", "alice")));
        db.transactions().inTransaction(() -> {
            db.events().append(group, List.of(post));
            db.state().apply(group, HistoryGenerator.owner(), List.of(post));
            beforeCommit.run();
            return null;
        });
        return post;
    }

    @Test
    void aFullStoreRefusesTheWholeWriteAsStorageFullAndTakesWritesAgainOnceThereIsRoom() {
        write();
        assertThat(db.writeProblem()).isEmpty();
        StoreCapacity capacity = capacity(db);

        capacity.fill();
        long before = -1;
        StorageFull refused = null;
        for (int i = 0; i < 10_000 && refused == null; i++) {
            before = db.events().count(group);
            try {
                write();
            } catch (StorageFull full) {
                refused = full;
            }
        }
        assertThat(refused).as("a write refused for lack of room").isNotNull();
        assertThat(db.events().count(group)).isEqualTo(before);
        assertThat(db.events().currentSeq(group)).isEqualTo(before);
        assertThat(db.writeProblem()).contains("the store is full (database or disk is full)");

        capacity.makeRoom();
        // SQLite rolls back by itself on SQLITE_FULL: the connection must still run each write as one transaction.
        assertThatThrownBy(() -> write(() -> {
            throw new IllegalStateException("crash before commit");
        })).hasMessage("crash before commit");
        assertThat(db.events().count(group)).isEqualTo(before);
        Event afterRoom = write();
        assertThat(db.events().count(group)).isEqualTo(before + 1);
        assertThat(db.state().groupOf(EntityKind.POST, HiveRules.postId(afterRoom))).contains(group);
        assertThat(db.writeProblem()).isEmpty();
    }
}
