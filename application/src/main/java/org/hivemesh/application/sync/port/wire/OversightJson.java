package org.hivemesh.application.sync.port.wire;

import org.hivemesh.domain.consent.OversightBy;
import org.hivemesh.domain.consent.OversightPolicy;
import org.hivemesh.domain.event.JsonFieldException;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonBool;
import org.hivemesh.domain.event.JsonValue.JsonNumber;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** A group's oversight policy as JSON, in the handshake reply and the admin API; no delete limit is {@code null}. */
public final class OversightJson {
    private OversightJson() {
    }

    public static JsonObject toJson(OversightPolicy policy) {
        return JsonObject.builder()
                .put("max_deletes", policy.maxDeletes() == OversightPolicy.UNLIMITED ? JsonValue.NULL
                        : new JsonNumber(policy.maxDeletes()))
                .put("on_moderation_change", policy.onModerationChange())
                .put("on_contradiction", policy.onContradiction()).put("on_join", policy.onJoin())
                .put("by", policy.by().wire()).build();
    }

    /** A whole policy, as {@link #toJson} writes it. */
    public static OversightPolicy policy(JsonObject json) {
        JsonValue max = json.required("max_deletes");
        int maxDeletes = max instanceof JsonValue.JsonNull ? OversightPolicy.UNLIMITED : Math.toIntExact(
                max instanceof JsonNumber n ? n.asLong() : -1);
        try {
            return new OversightPolicy(maxDeletes, bool(json, "on_moderation_change"), bool(json, "on_contradiction"),
                    bool(json, "on_join"), OversightBy.fromWire(json.string("by")));
        } catch (IllegalArgumentException e) {
            throw new JsonFieldException("oversight", e.getMessage());
        }
    }

    private static boolean bool(JsonObject json, String key) {
        if (json.required(key) instanceof JsonBool b) {
            return b.value();
        }
        throw new JsonFieldException(key, "must be true or false");
    }
}
