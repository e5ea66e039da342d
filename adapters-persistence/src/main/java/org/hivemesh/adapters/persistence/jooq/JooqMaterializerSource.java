package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.hive.Entity;
import org.hivemesh.domain.hive.EntityKey;
import org.hivemesh.domain.hive.EntityKind;
import org.hivemesh.domain.hive.Materializer;

/** One group's stored state as the materializer reads it: batched queries by entity key and by acting agent. */
final class JooqMaterializerSource implements Materializer.Source {
    private final JooqTransactions tx;
    private final String group;
    /** The stored canonical state of each entity read, so a change's "before" need not be serialized again. */
    private final Map<EntityKey, String> storedStates = new HashMap<>();

    JooqMaterializerSource(JooqTransactions tx, String group) {
        this.tx = tx;
        this.group = group;
    }


    @Override
    public Map<EntityKey, Entity> entities(Set<EntityKey> keys) {
        Map<EntityKey, Entity> found = new HashMap<>();
        Map<EntityKind, List<String>> byKind = new TreeMap<>();
        keys.forEach(k -> byKind.computeIfAbsent(k.kind(), x -> new ArrayList<>()).add(k.id()));
        byKind.forEach((kind, ids) -> {
            EntityTable t = EntityTable.of(kind);
            for (List<String> chunk : Chunks.of(ids, Chunks.IN_LIST)) {
                tx.ctx().select(STATE).from(t.table).where(GROUP_ID.eq(group).and(t.id.in(chunk))).fetch(STATE)
                        .forEach(state -> {
                            Entity e = JooqStateStore.entity(state);
                            found.put(e.key(), e);
                            storedStates.put(e.key(), state);
                        });
            }
        });
        return found;
    }

    /** The state column of an entity this source read, as stored. */
    Optional<String> storedState(EntityKey key) {
        return Optional.ofNullable(storedStates.get(key));
    }

    @Override
    public List<Event> eventsOf(Set<EntityKey> keys) {
        List<String> wires = keys.stream().map(EntityKey::wire).toList();
        List<Event> events = new ArrayList<>();
        for (List<String> chunk : Chunks.of(wires, Chunks.IN_LIST)) {
            tx.ctx().select(SEQ, EVENT_ID, EVENT_TYPE, ORIGIN, HLC, PAYLOAD, SIGNATURE).from(EVENTS)
                    .where(GROUP_ID.eq(group).and(ENTITY_KEY.in(chunk)))
                    .fetch(r -> JooqEventStore.toStored(group, r).event()).forEach(events::add);
        }
        return events;
    }

    @Override
    public List<Materializer.Logged> loggedOf(Set<EntityKey> keys) {
        List<String> wires = keys.stream().map(EntityKey::wire).toList();
        List<Materializer.Logged> logged = new ArrayList<>();
        for (List<String> chunk : Chunks.of(wires, Chunks.IN_LIST)) {
            tx.ctx().select(ENTITY_KEY, EVENT_ID).from(EVENTS).where(GROUP_ID.eq(group).and(ENTITY_KEY.in(chunk)))
                    .fetch(r -> new Materializer.Logged(EntityKey.fromWire(r.value1()), new EventId(r.value2())))
                    .forEach(logged::add);
        }
        return logged;
    }

    @Override
    public Set<EntityKey> keysActedBy(Set<String> agentKeys) {
        Set<EntityKey> keys = new TreeSet<>();
        for (List<String> chunk : Chunks.of(new ArrayList<>(agentKeys), Chunks.IN_LIST)) {
            tx.ctx().selectDistinct(ENTITY_KEY).from(EVENTS).where(GROUP_ID.eq(group).and(ACTOR_KEY.in(chunk)))
                    .fetch(ENTITY_KEY).forEach(k -> keys.add(EntityKey.fromWire(k)));
        }
        return keys;
    }

    @Override
    public Set<EntityKey> allKeys() {
        Set<EntityKey> keys = new TreeSet<>();
        tx.ctx().selectDistinct(ENTITY_KEY).from(EVENTS).where(GROUP_ID.eq(group)).fetch(ENTITY_KEY)
                .forEach(k -> keys.add(EntityKey.fromWire(k)));
        return keys;
    }

    @Override
    public Optional<Hlc> latestFrom(String origin, Hlc before) {
        return tx.ctx().select(HLC).from(EVENTS)
                .where(GROUP_ID.eq(group).and(ORIGIN.eq(origin)).and(HLC.lt(before.toString())))
                .orderBy(HLC.desc()).limit(1).fetchOptional(HLC).map(Hlc::parse);
    }
}
