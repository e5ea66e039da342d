package org.hivemesh.adapters.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.hivemesh.adapters.persistence.sqlite.SqliteDatabase;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.hive.HiveOwner;
import org.hivemesh.domain.hive.HiveState;
import org.hivemesh.domain.testing.HistoryGenerator;
import org.hivemesh.domain.testing.Intruders;
import org.junit.jupiter.api.Test;

/** A store written before the log was indexed and the authority rules applied is refolded once, at start. */
class RefoldTest {
    @Test
    void aStoreFromBeforeTheAuthorityRulesIsIndexedAndRefoldedOnStart() throws Exception {
        Path file = Files.createTempDirectory("hivemesh-refold").resolve("hivemesh.db");
        String group = "grp_refold";
        HiveOwner owner = HistoryGenerator.owner();
        List<Event> history = new java.util.ArrayList<>(HistoryGenerator.generate(7, 150, group));
        Intruders.against(history, 7, 20).forEach(e -> history.add(org.hivemesh.domain.testing.Events.event(group,
                e.origin(), e.hlc(), e.payload())));
        try (Database db = SqliteDatabase.open(file, Instant::now)) {
            db.migrate();
            db.hives().create(new HiveRecord("refold", group, owner.instanceId(), owner.agentId(), Instant.now()));
            db.transactions().inTransaction(() -> db.state().apply(group, owner, db.events().append(group, history).newEvents()));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("UPDATE events SET entity_key = NULL, actor_key = NULL");
            s.execute("DELETE FROM posts");
            s.execute("DELETE FROM refused_events");
            s.execute("DELETE FROM materialization");
        }

        try (Database db = SqliteDatabase.open(file, Instant::now)) {
            db.migrate();

            HiveState expected = HiveState.project(owner, history);
            assertThat(db.state().stateDigest(group)).isEqualTo(expected.stateDigest());
            assertThat(db.state().refusedCount(group)).isEqualTo(expected.refusals().size());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM events WHERE entity_key IS NULL OR actor_key IS NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
