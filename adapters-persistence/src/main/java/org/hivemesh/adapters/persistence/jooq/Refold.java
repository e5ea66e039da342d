package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.util.List;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.hive.HiveOwner;
import org.hivemesh.domain.hive.HiveRules;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings stored state up to the current materialization rules, once, at start: events stored before the log was
 * indexed by entity and acting agent get both, and every hive is folded again from its log. The whole refold is
 * one transaction, so a crash leaves the old state and the next start refolds again.
 */
final class Refold {
    /** Raise when a change to the rules changes what existing logs materialize to, or what is kept beside the state (2: its digest). */
    static final int CURRENT_RULES = 2;
    private static final int PAGE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(Refold.class);
    private static final List<Table<?>> STATE_TABLES = List.of(POSTS, COMMENTS, VOTES, SCORES, SETTINGS, MEMBERS,
            MODERATORS, DECISIONS, DECISION_REVIEWS, GROUP_ROSTERS, REFUSED_EVENTS, STATE_DIGESTS);

    private Refold() {
    }

    static void ifOutdated(JooqTransactions tx, JooqEventStore events, JooqStateStore state) {
        Integer stored = tx.ctx().select(RULES).from(MATERIALIZATION).where(SINGLETON.eq(1)).fetchOptional(RULES).orElse(0);
        if (stored == CURRENT_RULES) {
            return;
        }
        tx.inTransaction(() -> {
            DSLContext c = tx.ctx();
            int indexed = indexLog(c);
            List<Record4<String, String, String, String>> hives = c.select(HIVE_NAME, GROUP_ID, OWNER_INSTANCE_ID,
                    OWNER_AGENT_ID).from(HIVES).fetch();
            for (var hive : hives) {
                String group = hive.value2();
                STATE_TABLES.forEach(t -> c.deleteFrom(t).where(GROUP_ID.eq(group)).execute());
                HiveOwner owner = new HiveOwner(hive.value3(), hive.value4());
                long cursor = 0;
                while (true) {
                    List<StoredEvent> page = events.read(group, cursor, PAGE);
                    if (page.isEmpty()) {
                        break;
                    }
                    state.apply(group, owner, page.stream().map(StoredEvent::event).toList());
                    cursor = page.get(page.size() - 1).seq();
                }
            }
            c.insertInto(MATERIALIZATION).set(SINGLETON, 1).set(RULES, CURRENT_RULES).onConflict(SINGLETON)
                    .doUpdate().set(RULES, CURRENT_RULES).execute();
            if (!hives.isEmpty()) {
                LOG.info("materialized state refolded under rules version {}: {} hives, {} events indexed", CURRENT_RULES,
                        hives.size(), indexed);
            }
            return null;
        });
    }

    /** Fills in entity and actor of events stored before those columns existed. */
    private static int indexLog(DSLContext c) {
        int indexed = 0;
        while (true) {
            var rows = c.select(GROUP_ID, SEQ, EVENT_ID, EVENT_TYPE, ORIGIN, HLC, PAYLOAD, SIGNATURE).from(EVENTS)
                    .where(ENTITY_KEY.isNull()).limit(PAGE).fetch();
            if (rows.isEmpty()) {
                return indexed;
            }
            for (var row : rows) {
                Event e = JooqEventStore.toStored(row.get(GROUP_ID), row).event();
                c.update(EVENTS).set(ENTITY_KEY, HiveRules.keyOf(e).wire()).set(ACTOR_KEY, e.payload().actor().key())
                        .where(GROUP_ID.eq(row.get(GROUP_ID)).and(SEQ.eq(row.get(SEQ)))).execute();
            }
            indexed += rows.size();
        }
    }
}
