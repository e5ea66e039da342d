package org.hivemesh.application.sync.port.wire;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.domain.consent.OversightPolicy;
import org.hivemesh.domain.event.JsonFieldException;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonArray;
import org.hivemesh.domain.event.JsonValue.JsonBool;
import org.hivemesh.domain.event.JsonValue.JsonNumber;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.event.JsonValue.JsonString;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.KnownPeer;

/**
 * The {@code /sync/v1} messages of API.md to and from our JSON model, for the side that serves them and the side
 * that calls. Field names and shapes are the contract with instances already running: what is written here is what
 * they read, member for member (the handshake reply is signed over its canonical bytes). A field of the wrong shape
 * is refused with a {@link JsonFieldException} naming it. Merge-plan proposals and approvals travel as JSON
 * objects of their own and do not pass through here.
 */
public final class SyncWire {
    /** The body of {@code POST /sync/v1/groups/{id}/leave}. */
    public static final JsonObject LEAVE = JsonObject.builder().build();
    /** The reply to a leave, a roster, a merge-plan proposal or an approval. */
    public static final JsonObject OK = JsonObject.builder().put("ok", true).build();

    private SyncWire() {
    }

    public static JsonObject toJson(HandshakeRequest request) {
        JsonValue.Builder json = JsonObject.builder().put("sync_group_name", request.syncGroupName())
                .put("instance_id", request.instanceId()).put("signing_key", request.signingKey())
                .putIfPresent("sync_endpoint", Optional.ofNullable(request.syncEndpoint()))
                .putIfPresent("sync_token", Optional.ofNullable(request.syncToken()));
        // Only when set, so every other handshake keeps the bytes older instances sign and expect.
        return request.newPlan() ? json.put("new_plan", true).build() : json.build();
    }

    public static HandshakeRequest handshakeRequest(JsonObject json) {
        return new HandshakeRequest(json.string("sync_group_name"), json.string("instance_id"), offeredKey(json),
                json.optionalString("sync_endpoint").orElse(null), json.optionalString("sync_token").orElse(null),
                json.get("new_plan").map(JsonValue.TRUE::equals).orElse(false));
    }

    /** The key a handshake offers, read on its own: the request's signature is checked against it first. */
    public static String offeredKey(JsonObject handshakeRequest) {
        return handshakeRequest.string("signing_key");
    }

    public static JsonObject toJson(HandshakeReply reply) {
        JsonValue.Builder json = JsonObject.builder().put("sync_group_id", reply.syncGroupId())
                .put("instance_id", reply.instanceId())
                .put("signing_key", reply.signingKey()).put("current_seq", reply.currentSeq())
                .put("sync_token", reply.syncToken())
                .putIfPresent("sync_token_expires_at",
                        Optional.ofNullable(reply.syncTokenExpiresAt()).map(Instant::toString))
                .put("owner_instance_id", reply.ownerInstanceId()).put("owner_agent_id", reply.ownerAgentId())
                .put("hive_name", reply.hiveName()).put("lineage", reply.lineage()).put("consent", reply.consent())
                .put("method", reply.method());
        // Only when known, so a reply without a policy keeps the bytes older instances sign and expect.
        return reply.oversight().map(p -> json.put("oversight", OversightJson.toJson(p)).build()).orElseGet(json::build);
    }

    /**
     * An instance that predates token expiry, consent modes, methods or policies in the handshake leaves them out: no
     * expiry, an open group, the default method, no policy.
     */
    public static HandshakeReply handshakeReply(JsonObject json) {
        return new HandshakeReply(json.string("sync_group_id"), json.string("instance_id"), json.string("signing_key"),
                integer(json, "current_seq"), json.string("sync_token"), instant(json, "sync_token_expires_at"),
                json.string("owner_instance_id"), json.string("owner_agent_id"), json.string("hive_name"),
                json.string("lineage"), json.optionalString("consent").orElse("open"),
                json.optionalString("method").orElse(SyncGroup.DEFAULT_METHOD),
                json.get("oversight").map(o -> OversightJson.policy(json.object("oversight"))));
    }

    public static JsonObject toJson(EventPage page) {
        return JsonObject.builder().putArray("events", page.events()).put("next_seq", page.nextSeq())
                .put("has_more", page.hasMore()).put("keys", keys(page.keys())).build();
    }

    public static EventPage eventPage(JsonObject json) {
        return new EventPage(events(json), integer(json, "next_seq"), flag(json, "has_more"), keys(json));
    }

    public static JsonObject toJson(PushBatch batch) {
        return JsonObject.builder().putArray("events", batch.events()).put("sender_seq", batch.senderSeq())
                .put("keys", keys(batch.keys())).build();
    }

    /** {@code keys} and {@code sender_seq} may be left out: no keys beyond those already pinned, cursor 0. */
    public static PushBatch pushBatch(JsonObject json) {
        List<JsonObject> events = events(json);
        Map<String, String> keys = keys(json);
        return new PushBatch(events, keys, json.get("sender_seq").isPresent() ? integer(json, "sender_seq") : 0);
    }

    public static JsonObject toJson(PushReply reply) {
        return JsonObject.builder().put("received_seq", reply.receivedSeq()).put("accepted", reply.accepted())
                .put("duplicate", reply.duplicate()).put("deferred", reply.deferred())
                .put("quarantined", reply.quarantined()).put("refused", reply.refused()).build();
    }

    /** {@code deferred} and {@code refused} are newer than the rest; an instance without them reports none. */
    public static PushReply pushReply(JsonObject json) {
        return new PushReply(integer(json, "received_seq"), count(json, "accepted"), count(json, "duplicate"),
                json.get("deferred").isPresent() ? count(json, "deferred") : 0, count(json, "quarantined"),
                json.get("refused").isPresent() ? count(json, "refused") : 0);
    }

    public static JsonObject toJson(Heartbeat beat) {
        JsonValue.Builder seqs = JsonObject.builder();
        beat.seqByGroup().forEach((group, seq) -> seqs.put(group, seq));
        return JsonObject.builder().put("instance_id", beat.instanceId()).put("seq_by_group", seqs.build())
                .putArray("known_peers", beat.knownPeers().stream().map(SyncWire::knownPeer).toList()).build();
    }

    /** {@code known_peers} is a hint: an entry that cannot be read is dropped, the rest of the gossip still counts. */
    public static Heartbeat heartbeat(JsonObject json) {
        Map<String, Long> seqs = new LinkedHashMap<>();
        json.get("seq_by_group").ifPresent(value -> {
            if (!(value instanceof JsonObject groups)) {
                throw new JsonFieldException("seq_by_group", "must be an object of group to seq");
            }
            groups.members().forEach((group, seq) -> {
                if (!(seq instanceof JsonNumber n)) {
                    throw new JsonFieldException("seq_by_group", "values must be numbers");
                }
                seqs.put(group, integral("seq_by_group", n));
            });
        });
        return new Heartbeat(json.string("instance_id"), seqs, knownPeers(json));
    }

    public static JsonObject toJson(RosterMessage roster) {
        JsonValue.Builder json = JsonObject.builder().putArray("members", roster.members().stream().map(JsonValue::of).toList());
        roster.oversight().ifPresent(policy -> json.put("oversight", OversightJson.toJson(policy)));
        return json.build();
    }

    public static RosterMessage roster(JsonObject json) {
        if (!(json.required("members") instanceof JsonArray list)) {
            throw new JsonFieldException("members", "must be an array of instance IDs");
        }
        List<String> members = new ArrayList<>();
        for (JsonValue member : list.items()) {
            if (!(member instanceof JsonString s)) {
                throw new JsonFieldException("members", "must be an array of instance IDs");
            }
            members.add(s.value());
        }
        Optional<OversightPolicy> oversight = json.get("oversight").map(policy -> {
            if (!(policy instanceof JsonObject object)) {
                throw new JsonFieldException("oversight", "must be an object");
            }
            return OversightJson.policy(object);
        });
        return new RosterMessage(members, oversight);
    }

    private static JsonObject knownPeer(KnownPeer peer) {
        return JsonObject.builder().put("sync_endpoint", peer.syncEndpoint()).put("name", peer.name())
                .putArray("shared_hives", peer.sharedHives().stream().map(JsonValue::of).toList())
                .put("signing_key", peer.signingKey()).put("ttl", peer.ttl()).build();
    }

    private static List<KnownPeer> knownPeers(JsonObject heartbeat) {
        List<KnownPeer> peers = new ArrayList<>();
        if (heartbeat.get("known_peers").orElse(null) instanceof JsonArray list) {
            for (JsonValue item : list.items()) {
                if (item instanceof JsonObject entry) {
                    try {
                        peers.add(new KnownPeer(entry.string("sync_endpoint"),
                                entry.optionalString("name").orElse("peer"), entry.strings("shared_hives"),
                                entry.string("signing_key"), count(entry, "ttl")));
                    } catch (JsonFieldException unreadable) {
                        // gossip is only a hint: this entry is skipped
                    }
                }
            }
        }
        return peers;
    }

    private static List<JsonObject> events(JsonObject json) {
        if (!(json.required("events") instanceof JsonArray list)) {
            throw new JsonFieldException("events", "must be an array");
        }
        List<JsonObject> events = new ArrayList<>();
        for (JsonValue item : list.items()) {
            if (!(item instanceof JsonObject event)) {
                throw new JsonFieldException("events", "must hold objects");
            }
            events.add(event);
        }
        return events;
    }

    private static JsonObject keys(Map<String, String> keys) {
        JsonValue.Builder json = JsonObject.builder();
        keys.forEach(json::put);
        return json.build();
    }

    private static Map<String, String> keys(JsonObject json) {
        Map<String, String> keys = new LinkedHashMap<>();
        json.get("keys").ifPresent(value -> {
            if (!(value instanceof JsonObject byOrigin)) {
                throw new JsonFieldException("keys", "must be an object of instance_id to signing key");
            }
            byOrigin.members().forEach((origin, key) -> {
                if (!(key instanceof JsonString s)) {
                    throw new JsonFieldException("keys", "values must be strings");
                }
                keys.put(origin, s.value());
            });
        });
        return keys;
    }

    private static boolean flag(JsonObject json, String field) {
        JsonValue value = json.get(field).orElse(JsonValue.FALSE);
        if (!(value instanceof JsonBool b)) {
            throw new JsonFieldException(field, "must be true or false");
        }
        return b.value();
    }

    private static Instant instant(JsonObject json, String field) {
        Optional<String> text = json.optionalString(field);
        try {
            return text.map(Instant::parse).orElse(null);
        } catch (DateTimeParseException e) {
            throw new JsonFieldException(field, "must be an ISO-8601 instant");
        }
    }

    private static long integer(JsonObject json, String field) {
        JsonValue value = json.get(field).orElse(null);
        if (!(value instanceof JsonNumber n)) {
            throw new JsonFieldException(field, value == null ? "is required" : "must be a number");
        }
        return integral(field, n);
    }

    private static int count(JsonObject json, String field) {
        long value = integer(json, field);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new JsonFieldException(field, "must be a count from 0 to " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    private static long integral(String field, JsonNumber number) {
        try {
            return number.asLong();
        } catch (IllegalArgumentException notWhole) {
            throw new JsonFieldException(field, "must be an integer");
        }
    }
}
