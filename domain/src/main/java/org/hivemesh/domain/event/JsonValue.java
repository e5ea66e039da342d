package org.hivemesh.domain.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** Our own JSON value model: what events, payloads and states are made of. */
public sealed interface JsonValue {

    JsonNull NULL = new JsonNull();
    JsonBool TRUE = new JsonBool(true);
    JsonBool FALSE = new JsonBool(false);

    /** RFC 8785 canonical form. */
    default String canonical() {
        return Jcs.canonicalize(this);
    }

    static JsonString of(String value) {
        return new JsonString(value);
    }

    static JsonNumber of(double value) {
        return new JsonNumber(value);
    }

    static JsonBool of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /**
     * The index of the first unpaired surrogate in {@code text}, or -1. Such a string is no Unicode text: it has
     * no UTF-8 form, and RFC 8785 (through I-JSON) refuses it rather than let an encoder replace it.
     */
    static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    record JsonNull() implements JsonValue {
    }

    record JsonBool(boolean value) implements JsonValue {
    }

    record JsonNumber(double value) implements JsonValue {
        public JsonNumber {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("JSON numbers must be finite");
            }
        }

        public long asLong() {
            if (value != Math.rint(value) || Math.abs(value) > 9007199254740991d) {
                throw new IllegalArgumentException("not an integer: " + value);
            }
            return (long) value;
        }
    }

    record JsonString(String value) implements JsonValue {
        public JsonString {
            Objects.requireNonNull(value, "value");
        }
    }

    record JsonArray(List<JsonValue> items) implements JsonValue {
        public JsonArray {
            items = List.copyOf(items);
        }
    }

    /** Members kept sorted by UTF-16 code units, the order JCS prints them in. */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        public JsonObject {
            members = Collections.unmodifiableMap(new TreeMap<>(members));
        }

        public static Builder builder() {
            return new Builder();
        }

        public Optional<JsonValue> get(String key) {
            return Optional.ofNullable(members.get(key));
        }

        public String string(String key) {
            return optionalString(key).orElseThrow(() -> new JsonFieldException(key, "is required"));
        }

        public Optional<String> optionalString(String key) {
            JsonValue value = members.get(key);
            if (value == null || value instanceof JsonNull) {
                return Optional.empty();
            }
            if (value instanceof JsonString s) {
                return Optional.of(s.value());
            }
            throw new JsonFieldException(key, "must be a string");
        }

        public double number(String key) {
            JsonValue value = members.get(key);
            if (value instanceof JsonNumber n) {
                return n.value();
            }
            throw new JsonFieldException(key, value == null ? "is required" : "must be a number");
        }

        public JsonObject object(String key) {
            JsonValue value = members.get(key);
            if (value instanceof JsonObject o) {
                return o;
            }
            throw new JsonFieldException(key, value == null ? "is required" : "must be an object");
        }

        /** A required array of strings. */
        public List<String> strings(String key) {
            if (!(required(key) instanceof JsonArray array)) {
                throw new JsonFieldException(key, "must be an array of strings");
            }
            List<String> values = new ArrayList<>();
            for (JsonValue item : array.items()) {
                if (!(item instanceof JsonString s)) {
                    throw new JsonFieldException(key, "must be an array of strings");
                }
                values.add(s.value());
            }
            return values;
        }

        /** A required array of objects. */
        public List<JsonObject> objects(String key) {
            if (!(required(key) instanceof JsonArray array)) {
                throw new JsonFieldException(key, "must be an array of objects");
            }
            List<JsonObject> values = new ArrayList<>();
            for (JsonValue item : array.items()) {
                if (!(item instanceof JsonObject o)) {
                    throw new JsonFieldException(key, "must be an array of objects");
                }
                values.add(o);
            }
            return values;
        }

        public JsonValue required(String key) {
            JsonValue value = members.get(key);
            if (value == null) {
                throw new JsonFieldException(key, "is required");
            }
            return value;
        }
    }

    final class Builder {
        private final Map<String, JsonValue> members = new TreeMap<>();

        public Builder put(String key, JsonValue value) {
            members.put(key, value);
            return this;
        }

        public Builder put(String key, String value) {
            return put(key, new JsonString(value));
        }

        public Builder put(String key, double value) {
            return put(key, new JsonNumber(value));
        }

        public Builder put(String key, boolean value) {
            return put(key, JsonValue.of(value));
        }

        /** Absent optionals are left out, so the canonical form has one spelling. */
        public Builder putIfPresent(String key, Optional<String> value) {
            value.ifPresent(v -> put(key, v));
            return this;
        }

        public Builder putArray(String key, List<? extends JsonValue> items) {
            return put(key, new JsonArray(new ArrayList<>(items)));
        }

        public JsonObject build() {
            return new JsonObject(members);
        }
    }
}
