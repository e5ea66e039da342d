package org.hivemesh.bootstrap.wiring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** Drives an instance over HTTP the way an outside client would. */
final class Client {
    private final HttpClient http;
    private final String base;
    private final String adminToken;
    private String session;
    private String agentId;
    private String apiKey;

    Client(String base, String adminToken) {
        this(base, adminToken, HttpClient.newHttpClient());
    }

    /** For an HTTPS instance: {@code tls} trusts its certificate. */
    Client(String base, String adminToken, SSLContext tls) {
        this(base, adminToken, HttpClient.newBuilder().sslContext(tls).build());
    }

    private Client(String base, String adminToken, HttpClient http) {
        this.base = base;
        this.adminToken = adminToken;
        this.http = http;
    }

    record Reply(int status, String body, HttpHeaders headers) {
        JsonObject json() {
            return Json.parseObject(body);
        }

        /** The machine code of an error reply. */
        String code() {
            return json().object("error").string("code");
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    Reply send(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates an agent with the admin token and opens a read-write session for it. */
    Client loginAs(String name) {
        JsonObject agent = send("POST", "/api/v1/agents", adminToken, "{\"name\":\"" + name + "\"}").json();
        agentId = agent.string("agent_id");
        apiKey = agent.string("api_key");
        session = openSession(apiKey, "read-write").json().string("token");
        return this;
    }

    /** {@code POST /api/v1/sessions}: what any caller holding an API key (or guessing one) can send. */
    Reply openSession(String key, String scope) {
        return send("POST", "/api/v1/sessions", null, "{\"api_key\":\"" + key + "\",\"scope\":\"" + scope + "\"}");
    }

    /** The session token of {@link #loginAs}. */
    String session() {
        return session;
    }

    /** The agent this client logged in as. */
    String agentId() {
        return agentId;
    }

    String apiKey() {
        return apiKey;
    }

    Reply post(String path, String body) {
        return send("POST", path, session, body);
    }

    Reply get(String path) {
        return send("GET", path, session, null);
    }

    Reply delete(String path) {
        return send("DELETE", path, session, null);
    }
}
