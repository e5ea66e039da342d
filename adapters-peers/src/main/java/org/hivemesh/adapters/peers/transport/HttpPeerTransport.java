package org.hivemesh.adapters.peers.transport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.hivemesh.application.port.out.PeerTransport;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonParseException;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.peer.KnownPeer;

/** The peer protocol over HTTP with the JDK client; JSON in our own model so events arrive byte-faithful. */
public final class HttpPeerTransport implements PeerTransport {
    private final HttpClient client;
    private final Duration requestTimeout;

    /** {@code tls} decides which certificates an HTTPS peer may present. */
    public HttpPeerTransport(Duration connectTimeout, Duration requestTimeout, SSLContext tls) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).sslContext(tls).build();
        this.requestTimeout = requestTimeout;
    }

    @Override
    public HandshakeReply handshake(String syncEndpoint, HandshakeRequest request) {
        JsonObject body = JsonObject.builder().put("sync_group_name", request.syncGroupName())
                .put("instance_id", request.instanceId()).put("signing_key", request.signingKey())
                .putIfPresent("sync_endpoint", Optional.ofNullable(request.syncEndpoint()))
                .putIfPresent("sync_token", Optional.ofNullable(request.syncEndpoint()).map(e -> request.syncToken()))
                .build();
        JsonObject reply = call("POST", syncEndpoint + "/handshake", null, body);
        return new HandshakeReply(reply.string("sync_group_id"), reply.string("instance_id"), reply.string("signing_key"),
                (long) reply.number("current_seq"), reply.string("sync_token"), reply.string("owner_instance_id"),
                reply.string("owner_agent_id"), reply.string("hive_name"), reply.string("lineage"),
                reply.optionalString("consent").orElse("open"));
    }

    @Override
    public EventPage pull(String syncEndpoint, String token, String groupId, long since, int limit, long unshared) {
        JsonObject reply = call("GET", syncEndpoint + "/groups/" + groupId + "/events?since=" + since + "&limit=" + limit
                + "&unshared=" + unshared, token, null);
        return page(reply);
    }

    static EventPage page(JsonObject json) {
        List<JsonObject> events = new ArrayList<>();
        for (JsonValue v : ((JsonValue.JsonArray) json.required("events")).items()) {
            events.add((JsonObject) v);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        json.get("keys").map(JsonObject.class::cast)
                .ifPresent(k -> k.members().forEach((id, key) -> keys.put(id, ((JsonValue.JsonString) key).value())));
        return new EventPage(events, (long) json.number("next_seq"),
                json.get("has_more").map(JsonValue.TRUE::equals).orElse(false), keys);
    }

    @Override
    public PushReply push(String syncEndpoint, String token, String groupId, EventPage batch) {
        JsonValue.Builder keys = JsonObject.builder();
        batch.keys().forEach(keys::put);
        JsonObject body = JsonObject.builder().putArray("events", batch.events()).put("sender_seq", batch.nextSeq())
                .put("keys", keys.build()).build();
        JsonObject reply = call("POST", syncEndpoint + "/groups/" + groupId + "/events", token, body);
        return new PushReply((long) reply.number("received_seq"), (int) reply.number("accepted"),
                (int) reply.number("duplicate"), (int) reply.number("quarantined"));
    }

    @Override
    public Heartbeat heartbeat(String syncEndpoint, String token, Heartbeat beat) {
        JsonValue.Builder seqs = JsonObject.builder();
        beat.seqByGroup().forEach((group, seq) -> seqs.put(group, seq));
        JsonObject reply = call("POST", syncEndpoint + "/heartbeat", token, JsonObject.builder()
                .put("instance_id", beat.instanceId()).put("seq_by_group", seqs.build())
                .putArray("known_peers", beat.knownPeers().stream().map(KnownPeer::toJson).toList()).build());
        Map<String, Long> theirs = new LinkedHashMap<>();
        reply.object("seq_by_group").members().forEach((g, v) -> theirs.put(g, (long) ((JsonValue.JsonNumber) v).value()));
        return new Heartbeat(reply.string("instance_id"), theirs, KnownPeer.listFrom(reply));
    }

    @Override
    public void proposePlan(String syncEndpoint, String token, String groupId, JsonObject plan) {
        call("POST", syncEndpoint + "/groups/" + groupId + "/merge-plans", token, plan);
    }

    @Override
    public void sendRoster(String syncEndpoint, String token, String groupId, List<String> activeMembers) {
        call("POST", syncEndpoint + "/groups/" + groupId + "/roster", token, JsonObject.builder()
                .putArray("members", activeMembers.stream().map(JsonValue::of).toList()).build());
    }

    @Override
    public void sendApproval(String syncEndpoint, String token, String groupId, JsonObject approval) {
        call("POST", syncEndpoint + "/groups/" + groupId + "/approvals", token, approval);
    }

    @Override
    public void leave(String syncEndpoint, String token, String groupId) {
        call("POST", syncEndpoint + "/groups/" + groupId + "/leave", token, JsonObject.builder().build());
    }

    /** One JSON call: 5xx, 429 and network trouble are PeerUnavailable; other 4xx are PeerRefused. */
    public JsonObject call(String method, String url, String token, JsonObject body) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.canonical()))
                    .header("Content-Type", "application/json");
        } catch (IllegalArgumentException e) {
            throw new PeerRefused(0, "bad_endpoint", "not a valid URL: " + url);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new PeerUnavailable("timed out calling " + url, e);
        } catch (IOException e) {
            throw new PeerUnavailable("cannot reach " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailable("interrupted calling " + url, e);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            throw new PeerUnavailable(method + " " + url + " answered " + status, null);
        }
        JsonObject json;
        try {
            json = Json.parseObject(response.body());
        } catch (JsonParseException e) {
            throw new PeerUnavailable(method + " " + url + " answered " + status + " with a body that is not JSON", e);
        }
        if (status >= 400) {
            JsonObject error = json.get("error").map(JsonObject.class::cast).orElse(JsonObject.builder().build());
            throw new PeerRefused(status, error.optionalString("code").orElse("http_" + status),
                    error.optionalString("message").orElse("refused with " + status));
        }
        return json;
    }
}
