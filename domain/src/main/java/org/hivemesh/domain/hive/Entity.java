package org.hivemesh.domain.hive;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hivemesh.domain.conflict.Register;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/**
 * The materialized state of one post, comment, vote, setting, member, moderator, decision or review:
 * what created it (set once, by the one event whose ID it derives from), its LWW fields and its tombstone.
 * Every part is a join of the events applied, so the entity depends only on the set of its events.
 */
public record Entity(EntityKey key, Optional<JsonObject> created, Map<String, Register> fields,
                     Optional<Register> tombstone) {
    public Entity {
        fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    }

    public static Entity empty(EntityKey key) {
        return new Entity(key, Optional.empty(), Map.of(), Optional.empty());
    }

    public boolean isCreated() {
        return created.isPresent();
    }

    public boolean isDeleted() {
        return tombstone.isPresent();
    }

    public Optional<Register> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public Entity withCreated(JsonObject attributes) {
        return new Entity(key, Optional.of(attributes), fields, tombstone);
    }

    public Entity withField(String name, Register register) {
        Map<String, Register> next = new TreeMap<>(fields);
        next.put(name, register);
        return new Entity(key, created, next, tombstone);
    }

    public Entity withTombstone(Register register) {
        return new Entity(key, created, fields, Optional.of(register));
    }

    public JsonObject toJson() {
        JsonValue.Builder fieldJson = JsonObject.builder();
        fields.forEach((name, register) -> fieldJson.put(name, register.toJson()));
        JsonValue.Builder json = JsonObject.builder().put("kind", key.kind().wire()).put("id", key.id())
                .put("fields", fieldJson.build());
        created.ifPresent(c -> json.put("created", c));
        tombstone.ifPresent(t -> json.put("tombstone", t.toJson()));
        return json.build();
    }

    public static Entity fromJson(JsonObject json) {
        EntityKind kind = EntityKind.valueOf(json.string("kind").toUpperCase());
        Map<String, Register> fields = new TreeMap<>();
        json.object("fields").members().forEach((name, value) -> fields.put(name, Register.fromJson((JsonObject) value)));
        return new Entity(new EntityKey(kind, json.string("id")),
                json.get("created").map(JsonObject.class::cast), fields,
                json.get("tombstone").map(t -> Register.fromJson((JsonObject) t)));
    }
}
