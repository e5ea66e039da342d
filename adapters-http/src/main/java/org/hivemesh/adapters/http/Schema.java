package org.hivemesh.adapters.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/**
 * A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) for a request or response body. A schema made
 * {@link #named} is written once under {@code components/schemas} and referenced wherever it is used; the
 * components a schema needs travel with it, so a route only names the schemas it answers with.
 */
public final class Schema {
    private final JsonObject json;
    private final Map<String, JsonObject> components;

    private Schema(JsonObject json, Map<String, JsonObject> components) {
        this.json = json;
        this.components = components;
    }

    private static Schema of(JsonValue.Builder json) {
        return new Schema(json.build(), Map.of());
    }

    private static Schema type(String type) {
        return of(JsonObject.builder().put("type", type));
    }

    public static Schema string() {
        return type("string");
    }

    public static Schema integer() {
        return type("integer");
    }

    /** A JSON number; every number here is an IEEE double (RFC 8785 writes them so). */
    public static Schema number() {
        return of(JsonObject.builder().put("type", "number").put("format", "double"));
    }

    public static Schema bool() {
        return type("boolean");
    }

    public static Schema timestamp() {
        return of(JsonObject.builder().put("type", "string").put("format", "date-time"));
    }

    /** Any JSON value: a setting's value, an event payload. */
    public static Schema any() {
        return of(JsonObject.builder());
    }

    /** An object whose members are not described further (their names are data: settings, members by agent). */
    public static Schema map(Schema values) {
        return new Schema(JsonObject.builder().put("type", "object").put("additionalProperties", values.json).build(),
                values.components);
    }

    public static Schema enumOf(String... values) {
        return of(JsonObject.builder().put("type", "string")
                .putArray("enum", Arrays.stream(values).map(JsonValue::of).toList()));
    }

    public static Schema array(Schema items) {
        return new Schema(JsonObject.builder().put("type", "array").put("items", items.json).build(), items.components);
    }

    /** A reference to a schema named elsewhere: how a schema refers to itself (a comment's replies). */
    public static Schema ref(String name) {
        return of(JsonObject.builder().put("$ref", "#/components/schemas/" + name));
    }

    public static Properties object() {
        return new Properties();
    }

    /** The value or JSON null. Not for named schemas: a reference stays as it is, so generated clients keep its type. */
    public Schema nullable() {
        JsonValue type = json.get("type").orElseThrow(() -> new IllegalStateException("only a typed schema is nullable"));
        JsonValue.Builder copy = JsonObject.builder();
        json.members().forEach(copy::put);
        copy.putArray("type", List.of(type, JsonValue.of("null")));
        return new Schema(copy.build(), components);
    }

    public Schema describe(String description) {
        JsonValue.Builder copy = JsonObject.builder();
        json.members().forEach(copy::put);
        copy.put("description", description);
        return new Schema(copy.build(), components);
    }

    /** Written once as {@code components/schemas/<name>}; what is returned is the reference to it. */
    public Schema named(String name) {
        Map<String, JsonObject> all = new LinkedHashMap<>(components);
        JsonObject earlier = all.put(name, json);
        if (earlier != null && !earlier.equals(json)) {
            throw new IllegalStateException("two different schemas are named " + name);
        }
        return new Schema(JsonObject.builder().put("$ref", "#/components/schemas/" + name).build(), Map.copyOf(all));
    }

    public JsonObject json() {
        return json;
    }

    /** The named schemas this one refers to, itself included if it is named, by name. */
    public Map<String, JsonObject> components() {
        return components;
    }

    /** An object's members; unknown members are allowed, so a response may grow without breaking a client. */
    public static final class Properties {
        private final JsonValue.Builder properties = JsonObject.builder();
        private final List<JsonValue> required = new ArrayList<>();
        private final Map<String, JsonObject> components = new LinkedHashMap<>();

        /** A member that is always there (perhaps null, if its schema is nullable). */
        public Properties required(String name, Schema schema) {
            required.add(JsonValue.of(name));
            return optional(name, schema);
        }

        public Properties optional(String name, Schema schema) {
            properties.put(name, schema.json);
            schema.components.forEach((component, definition) -> {
                JsonObject earlier = components.put(component, definition);
                if (earlier != null && !earlier.equals(definition)) {
                    throw new IllegalStateException("two different schemas are named " + component);
                }
            });
            return this;
        }

        /** Every member of {@code other} as well, keeping which are required: for a view that extends another. */
        public Properties including(Properties other) {
            JsonObject them = other.properties.build();
            them.members().forEach(properties::put);
            required.addAll(other.required);
            components.putAll(other.components);
            return this;
        }

        public Schema build() {
            JsonValue.Builder json = JsonObject.builder().put("type", "object").put("properties", properties.build());
            if (!required.isEmpty()) {
                json.putArray("required", required);
            }
            return new Schema(json.build(), Map.copyOf(components));
        }

        /** Shorthand for {@code build().named(name)}. */
        public Schema named(String name) {
            return build().named(name);
        }
    }
}
