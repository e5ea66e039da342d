package org.hivemesh.adapters.peers.transport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.wire.EventPage;
import org.hivemesh.application.sync.port.wire.HandshakeReply;
import org.hivemesh.application.sync.port.wire.HandshakeRequest;
import org.hivemesh.application.sync.port.wire.Heartbeat;
import org.hivemesh.application.sync.port.wire.PushBatch;
import org.hivemesh.application.sync.port.wire.PushReply;
import org.hivemesh.application.sync.port.wire.RosterMessage;
import org.hivemesh.application.sync.port.wire.SyncWire;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonParseException;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.peer.InstanceIds;
import org.hivemesh.domain.peer.PeerRequest;
import org.hivemesh.domain.peer.SyncEndpoint;

/**
 * The peer protocol over HTTP with the JDK client; JSON in our own model so events arrive byte-faithful. Every
 * {@code /sync/v1} call is signed with this instance's key for the instance it is meant for (API.md "Peer request
 * signing"), and a handshake reply is accepted only with the callee's valid signature.
 */
public final class HttpPeerTransport implements PeerTransport {
    private static final HexFormat HEX = HexFormat.of();
    /** How far a handshake reply's date may be from our clock. */
    private static final Duration REPLY_MAX_AGE = Duration.ofSeconds(300);

    private final HttpClient client;
    private final Duration requestTimeout;
    private final InstanceIdentity self;
    private final Signatures signatures;
    private final Clock clock;

    /** {@code tls} decides which certificates an HTTPS peer may present. */
    public HttpPeerTransport(Duration connectTimeout, Duration requestTimeout, SSLContext tls, InstanceIdentity self,
                             Signatures signatures, Clock clock) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).sslContext(tls).build();
        this.requestTimeout = requestTimeout;
        this.self = self;
        this.signatures = signatures;
        this.clock = clock;
    }

    @Override
    public Identity identify(String syncEndpoint) {
        String base = SyncEndpoint.of(syncEndpoint).base();
        JsonObject known = call("GET", base + "/.well-known/hivemesh.json", null, null);
        try {
            return new Identity(known.string("instance_id"), known.string("signing_key"),
                    known.optionalString("sync_endpoint").orElse(syncEndpoint));
        } catch (IllegalArgumentException notOurs) {
            throw new PeerRefused(0, "not_hivemesh", base + " does not describe a hivemesh instance: " + notOurs.getMessage());
        }
    }

    @Override
    public HandshakeReply handshake(PeerAddress to, HandshakeRequest request) {
        Reply reply = send("POST", to.syncEndpoint() + "/handshake", to.instanceId(), null, SyncWire.toJson(request));
        HandshakeReply parsed = SyncWire.handshakeReply(reply.json());
        verifyReply(reply, to, parsed.signingKey());
        return parsed;
    }

    /** The callee signs its handshake reply like a request, for us: we know we reached the key we pin. */
    private void verifyReply(Reply reply, PeerAddress to, String signingKey) {
        String origin = reply.header(PeerRequest.ORIGIN);
        String destination = reply.header(PeerRequest.DESTINATION);
        String date = reply.header(PeerRequest.DATE);
        String signature = reply.header(PeerRequest.SIGNATURE);
        if (origin == null || destination == null || date == null || signature == null) {
            throw new PeerRefused(0, "reply_unsigned", "the handshake reply from " + to.syncEndpoint() + " is not signed");
        }
        byte[] key;
        byte[] sig;
        try {
            key = HEX.parseHex(signingKey);
            sig = HEX.parseHex(signature);
        } catch (IllegalArgumentException notHex) {
            throw new PeerRefused(0, "reply_signature_invalid", "the handshake reply carries a key or signature that is not hex");
        }
        PeerRequest signed = PeerRequest.of("POST", reply.target(), origin, destination, date, reply.body());
        long age = signed.dateMillis().map(d -> Math.abs(clock.now().toEpochMilli() - d)).orElse(Long.MAX_VALUE);
        if (!origin.equals(to.instanceId()) || !InstanceIds.matches(origin, key) || !destination.equals(self.instanceId())
                || age > REPLY_MAX_AGE.toMillis() || !signatures.verify(key, signed.signedBytes(), sig)) {
            throw new PeerRefused(0, "reply_signature_invalid", "the handshake reply from " + to.syncEndpoint()
                    + " is not signed by " + to.instanceId() + " for this instance");
        }
    }

    @Override
    public EventPage pull(PeerAddress to, String token, String groupId, long since, int limit, long unshared,
                          Optional<Hlc> ownAfter) {
        return SyncWire.eventPage(signed("GET", to, "/groups/" + groupId + "/events?since=" + since + "&limit=" + limit
                + "&unshared=" + unshared + ownAfter.map(h -> "&own_after=" + h).orElse(""), token, null));
    }

    @Override
    public PushReply push(PeerAddress to, String token, String groupId, PushBatch batch) {
        return SyncWire.pushReply(signed("POST", to, "/groups/" + groupId + "/events", token, SyncWire.toJson(batch)));
    }

    @Override
    public Heartbeat heartbeat(PeerAddress to, String token, Heartbeat beat) {
        return SyncWire.heartbeat(signed("POST", to, "/heartbeat", token, SyncWire.toJson(beat)));
    }

    @Override
    public void proposePlan(PeerAddress to, String token, String groupId, JsonObject plan) {
        signed("POST", to, "/groups/" + groupId + "/merge-plans", token, plan);
    }

    @Override
    public void sendRoster(PeerAddress to, String token, String groupId, RosterMessage roster) {
        signed("POST", to, "/groups/" + groupId + "/roster", token, SyncWire.toJson(roster));
    }

    @Override
    public void sendApproval(PeerAddress to, String token, String groupId, JsonObject approval) {
        signed("POST", to, "/groups/" + groupId + "/approvals", token, approval);
    }

    @Override
    public void leave(PeerAddress to, String token, String groupId) {
        signed("POST", to, "/groups/" + groupId + "/leave", token, SyncWire.LEAVE);
    }

    private JsonObject signed(String method, PeerAddress to, String path, String token, JsonObject body) {
        return send(method, to.syncEndpoint() + path, to.instanceId(), token, body).json();
    }

    /** One unsigned JSON call (the hub, /.well-known): 5xx, 429 and network trouble are PeerUnavailable; 4xx PeerRefused. */
    public JsonObject call(String method, String url, String token, JsonObject body) {
        return send(method, url, null, token, body).json();
    }

    /** A reply and what is needed to check its signature: the target we sent and the body bytes we got. */
    private record Reply(JsonObject json, HttpHeaders headers, String target, byte[] body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** {@code destination}: the instance to sign for, or null for a call outside /sync/v1. */
    private Reply send(String method, String url, String destination, String token, JsonObject body) {
        byte[] bytes = body == null ? new byte[0] : body.canonical().getBytes(StandardCharsets.UTF_8);
        URI uri;
        HttpRequest.Builder request;
        try {
            uri = URI.create(url);
            request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .header("Content-Type", "application/json");
        } catch (IllegalArgumentException e) {
            throw new PeerRefused(0, "bad_endpoint", "not a valid URL: " + url);
        }
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (destination != null) {
            String date = Long.toString(clock.now().toEpochMilli());
            PeerRequest signed = PeerRequest.of(method, target, self.instanceId(), destination, date, bytes);
            request.header(PeerRequest.ORIGIN, self.instanceId()).header(PeerRequest.DESTINATION, destination)
                    .header(PeerRequest.DATE, date)
                    .header(PeerRequest.SIGNATURE, HEX.formatHex(signatures.sign(self.privateKey(), signed.signedBytes())));
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
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
            json = Json.parseObject(new String(response.body(), StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw new PeerUnavailable(method + " " + url + " answered " + status + " with a body that is not JSON", e);
        }
        if (status >= 400) {
            JsonObject error = json.get("error").filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                    .orElse(JsonObject.builder().build());
            Map<String, String> details = new LinkedHashMap<>();
            error.members().forEach((name, value) -> {
                if (value instanceof JsonValue.JsonString text && !name.equals("code") && !name.equals("message")) {
                    details.put(name, text.value());
                }
            });
            throw new PeerRefused(status, error.optionalString("code").orElse("http_" + status),
                    error.optionalString("message").orElse("refused with " + status), details);
        }
        return new Reply(json, response.headers(), target, response.body());
    }
}
