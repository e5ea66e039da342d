package org.hivemesh.bootstrap.wiring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hivemesh.adapters.peers.crypto.Ed25519Signatures;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.event.UnsignedEvent;
import org.hivemesh.domain.peer.InstanceIds;
import org.hivemesh.domain.peer.PeerRequest;

/**
 * A peer driven by hand, with a key of its own: it signs /sync/v1 requests as API.md says (or, for attacks, signs
 * them wrong), signs events, and can answer /.well-known so that an announced endpoint verifies.
 */
final class HandMadePeer implements AutoCloseable {
    private static final HexFormat HEX = HexFormat.of();

    final Ed25519Signatures ed25519 = new Ed25519Signatures();
    final Signatures.KeyPair keys;
    final String id;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> calledBack = new CopyOnWriteArrayList<>();
    private HttpServer wellKnown;
    private long hlc;

    HandMadePeer() {
        this.keys = ed25519.generate();
        this.id = InstanceIds.fromPublicKey(keys.publicKey());
    }

    String publicKeyHex() {
        return HEX.formatHex(keys.publicKey());
    }

    byte[] sign(byte[] message) {
        return ed25519.sign(keys.privateKey(), message);
    }

    /**
     * Serves {@code /.well-known/hivemesh.json} as {@code claimedId} and returns the sync endpoint it stands for.
     * Any call under that endpoint is recorded and refused: a test sees whether an instance called this peer back.
     */
    String serveWellKnown(String claimedId) throws IOException {
        wellKnown = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String endpoint = "http://127.0.0.1:" + wellKnown.getAddress().getPort() + "/sync/v1";
        byte[] body = JsonObject.builder().put("instance_id", claimedId).put("signing_key", publicKeyHex())
                .put("public_key", publicKeyHex()).put("sync_endpoint", endpoint).build().canonical()
                .getBytes(StandardCharsets.UTF_8);
        wellKnown.createContext("/.well-known/hivemesh.json", exchange -> respond(exchange, 200, "application/json", body));
        wellKnown.createContext("/sync/v1", exchange -> {
            calledBack.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            respond(exchange, 404, "application/json", "{\"error\":{\"code\":\"not_found\",\"message\":\"hand-made\"}}"
                    .getBytes(StandardCharsets.UTF_8));
        });
        wellKnown.start();
        return endpoint;
    }

    /** The /sync/v1 calls instances made to the endpoint this peer serves. */
    List<String> calledBack() {
        return List.copyOf(calledBack);
    }

    /** A loopback web server that answers every path with an HTML page: something that is not a hivemesh instance. */
    static HttpServer webServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = "<html><body>It works!</body></html>".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> respond(exchange, 200, "text/html", page));
        server.start();
        return server;
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    String serveWellKnown() throws IOException {
        return serveWellKnown(id);
    }

    /** The callee's instance ID, as every caller learns it. */
    static String instanceOf(Node node) {
        return new Client(node.base(), null).send("GET", "/.well-known/hivemesh.json", null, null).json()
                .string("instance_id");
    }

    /** The four signature headers for a request from this peer, as API.md specifies them. */
    Map<String, String> signedHeaders(String method, String target, String destination, long dateMillis, String body) {
        return signedHeadersAs(id, method, target, destination, dateMillis, body);
    }

    /** Signed with this peer's key while claiming to be {@code origin}: what an impersonator sends. */
    Map<String, String> signedHeadersAs(String origin, String method, String target, String destination, long dateMillis,
                                        String body) {
        String date = Long.toString(dateMillis);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        PeerRequest request = PeerRequest.of(method, target, origin, destination, date, bytes);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(PeerRequest.ORIGIN, origin);
        headers.put(PeerRequest.DESTINATION, destination);
        headers.put(PeerRequest.DATE, date);
        headers.put(PeerRequest.SIGNATURE, HEX.formatHex(sign(request.signedBytes())));
        return headers;
    }

    record Reply(int status, String body, Map<String, List<String>> headers) {
        JsonObject json() {
            return org.hivemesh.domain.event.Json.parseObject(body);
        }

        String code() {
            return json().object("error").string("code");
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    /** A correctly signed request to {@code node}. */
    Reply send(Node node, String method, String path, String token, String body) {
        return sendWith(node, method, path, token, body, signedHeaders(method, path, instanceOf(node),
                System.currentTimeMillis(), body));
    }

    /** A request with exactly these extra headers (none, forged or replayed ones). */
    Reply sendWith(Node node, String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The handshake body this peer sends, quoting {@code instanceId} and {@code keyHex} (its own, unless forging). */
    static String handshakeBody(String hive, String instanceId, String keyHex, String endpoint) {
        JsonValue.Builder body = JsonObject.builder().put("sync_group_name", hive).put("instance_id", instanceId)
                .put("signing_key", keyHex);
        if (endpoint != null) {
            body.put("sync_endpoint", endpoint).put("sync_token", "hst_" + instanceId);
        }
        return body.build().canonical();
    }

    /** A signed handshake as this peer; {@code endpoint} null joins as a client that is never called back. */
    Reply handshake(Node node, String hive, String endpoint) {
        return send(node, "POST", "/sync/v1/handshake", null, handshakeBody(hive, id, publicKeyHex(), endpoint));
    }

    /** Joins an open group as a client and returns the sync token. */
    String join(Node node, String hive) {
        Reply reply = handshake(node, hive, null);
        if (reply.status() != 200) {
            throw new IllegalStateException("handshake refused: " + reply.body());
        }
        return reply.json().string("sync_token");
    }

    /** An event from this instance, signed by it, at its clock now; the next call gets a later HLC. */
    Event event(String group, EventPayload payload) {
        hlc = Math.max(hlc + 1, System.currentTimeMillis());
        return event(group, new Hlc(hlc, 0), payload);
    }

    Event event(String group, Hlc at, EventPayload payload) {
        UnsignedEvent body = new UnsignedEvent(group, id, at, payload);
        return body.signedWith(HEX.formatHex(sign(body.canonicalBytes())));
    }

    /** Claims to come from this instance but is signed by another key: junk that must never be stored. */
    Event forged(String group, EventPayload payload) {
        UnsignedEvent body = new UnsignedEvent(group, id, new Hlc(System.currentTimeMillis(), 0), payload);
        return body.signedWith(HEX.formatHex(ed25519.sign(ed25519.generate().privateKey(), body.canonicalBytes())));
    }

    AgentRef agent(String agentId) {
        return new AgentRef(id, agentId, agentId);
    }

    Reply push(Node node, String group, String token, List<Event> events) {
        return pushWire(node, group, token, events.stream().map(e -> e.toJson().canonical()).toList());
    }

    Reply pushWire(Node node, String group, String token, List<String> wire) {
        return send(node, "POST", "/sync/v1/groups/" + group + "/events", token, pushBody(wire));
    }

    /** The body of a push of these wire events, offering this peer's key. */
    String pushBody(List<String> wire) {
        return "{\"events\":[" + String.join(",", wire) + "],\"sender_seq\":1,\"keys\":{\"" + id + "\":\""
                + publicKeyHex() + "\"}}";
    }

    @Override
    public void close() {
        if (wellKnown != null) {
            wellKnown.stop(0);
        }
    }
}
