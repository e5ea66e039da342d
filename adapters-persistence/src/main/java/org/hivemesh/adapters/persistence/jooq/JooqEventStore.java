package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.application.content.port.out.AppendResult;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.EventType;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.UnsignedEvent;
import org.hivemesh.domain.hive.HiveRules;
import org.jooq.DSLContext;
import org.jooq.Record;

final class JooqEventStore implements EventStore {
    private static final int IN_CHUNK = 500;

    private final JooqTransactions tx;
    private final Clock clock;

    JooqEventStore(JooqTransactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public AppendResult append(String group, List<Event> events) {
        Map<EventId, Event> unique = new LinkedHashMap<>();
        for (Event event : events) {
            if (!event.group().equals(group)) {
                throw new IllegalArgumentException("event " + event.id() + " belongs to group " + event.group() + ", not " + group);
            }
            unique.putIfAbsent(event.id(), event);
        }
        if (unique.isEmpty()) {
            return new AppendResult(List.of(), 0);
        }
        return tx.inTransaction(() -> {
            DSLContext c = tx.ctx();
            // Takes the group's row lock first (creating the row if need be), so concurrent appends to one group
            // number their events in turn.
            c.insertInto(GROUP_SEQ).set(GROUP_ID, group).set(LAST_SEQ, 0L).onConflict(GROUP_ID).doUpdate()
                    .set(LAST_SEQ, q(GROUP_SEQ, LAST_SEQ)).execute();
            Set<String> known = known(c, group, unique.keySet());
            List<Event> fresh = unique.values().stream().filter(e -> !known.contains(e.id().value())).toList();
            if (fresh.isEmpty()) {
                return new AppendResult(List.of(), events.size());
            }
            long last = c.update(GROUP_SEQ).set(LAST_SEQ, LAST_SEQ.plus(fresh.size())).where(GROUP_ID.eq(group))
                    .returningResult(LAST_SEQ).fetchOne(LAST_SEQ);
            long seq = last - fresh.size();
            long now = clock.now().toEpochMilli();
            JdbcBatch batch = new JdbcBatch(c, c.insertInto(EVENTS, GROUP_ID, SEQ, EVENT_ID, EVENT_TYPE, ORIGIN, HLC, PAYLOAD,
                    SIGNATURE, RECEIVED_AT, ENTITY_KEY, ACTOR_KEY)
                    .values((String) null, null, null, null, null, null, null, null, null, null, null));
            List<StoredEvent> stored = new ArrayList<>();
            for (Event e : fresh) {
                seq++;
                batch.add(group, seq, e.id().value(), e.type().wireName(), e.origin(), e.hlc().toString(),
                        e.payload().toJson().canonical(), e.signature(), now, HiveRules.keyOf(e).wire(),
                        e.payload().actor().key());
                stored.add(new StoredEvent(seq, e));
            }
            batch.execute(c);
            return new AppendResult(stored, events.size() - fresh.size());
        });
    }

    @Override
    public Set<EventId> stored(String group, Collection<EventId> ids) {
        Set<EventId> stored = new HashSet<>();
        known(tx.ctx(), group, ids).forEach(id -> stored.add(new EventId(id)));
        return stored;
    }

    private Set<String> known(DSLContext c, String group, Collection<EventId> ids) {
        List<String> all = ids.stream().map(EventId::value).toList();
        Set<String> known = new HashSet<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            known.addAll(c.select(EVENT_ID).from(EVENTS)
                    .where(GROUP_ID.eq(group).and(EVENT_ID.in(all.subList(i, Math.min(all.size(), i + IN_CHUNK)))))
                    .fetch(EVENT_ID));
        }
        return known;
    }

    @Override
    public List<StoredEvent> read(String group, long afterSeq, int limit) {
        return tx.ctx().select(SEQ, EVENT_ID, EVENT_TYPE, ORIGIN, HLC, PAYLOAD, SIGNATURE).from(EVENTS)
                .where(GROUP_ID.eq(group).and(SEQ.gt(afterSeq))).orderBy(SEQ).limit(limit)
                .fetch(r -> toStored(group, r));
    }

    @Override
    public Optional<StoredEvent> find(String group, EventId id) {
        return tx.ctx().select(SEQ, EVENT_ID, EVENT_TYPE, ORIGIN, HLC, PAYLOAD, SIGNATURE).from(EVENTS)
                .where(GROUP_ID.eq(group).and(EVENT_ID.eq(id.value())))
                .fetchOptional(r -> toStored(group, r));
    }

    /** Rebuilding the event recomputes its ID, so a row altered on disk cannot pass as the original. */
    static StoredEvent toStored(String group, Record r) {
        EventType type = EventType.fromWire(r.get(EVENT_TYPE));
        UnsignedEvent body = new UnsignedEvent(group, r.get(ORIGIN), Hlc.parse(r.get(HLC)),
                EventPayload.fromJson(type, Json.parseObject(r.get(PAYLOAD))));
        return new StoredEvent(r.get(SEQ), new Event(new EventId(r.get(EVENT_ID)), body, r.get(SIGNATURE)));
    }

    @Override
    public long currentSeq(String group) {
        return tx.ctx().select(LAST_SEQ).from(GROUP_SEQ).where(GROUP_ID.eq(group)).fetchOptional(LAST_SEQ).orElse(0L);
    }

    /** The log is append-only and numbered from 1 without gaps, so the count is the last seq: one row, not a scan. */
    @Override
    public long count(String group) {
        return currentSeq(group);
    }

    @Override
    public Optional<Hlc> maxHlc() {
        return Optional.ofNullable(tx.ctx().select(org.jooq.impl.DSL.max(HLC)).from(EVENTS).fetchOne(0, String.class))
                .map(Hlc::parse);
    }

    @Override
    public Optional<Hlc> latestOf(String group, String origin) {
        return Optional.ofNullable(tx.ctx().select(org.jooq.impl.DSL.max(HLC)).from(EVENTS)
                .where(GROUP_ID.eq(group).and(ORIGIN.eq(origin))).fetchOne(0, String.class)).map(Hlc::parse);
    }
}
