package org.hivemesh.bootstrap.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** What the demo and the benchmarks use to talk to instances: the public HTTP API, like any client. */
final class MeshClient {
    private final HttpClient http = HttpClient.newHttpClient();
    final String base;
    private final String adminToken;
    private String session;

    MeshClient(String base, String adminToken) {
        this.base = base;
        this.adminToken = adminToken;
    }

    JsonObject call(String method, String path, String token, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new IllegalStateException(refusal(method + " " + path, response.statusCode(), response.body()));
            }
            return response.body().isEmpty() ? JsonObject.builder().build() : Json.parseObject(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + base + path + ": " + CliErrors.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The server's refusal in its own words: its error code and message (API.md), else the status and body. */
    static String refusal(String request, int status, String body) {
        try {
            JsonObject error = Json.parseObject(body).object("error");
            return "the server refused " + request + " (" + status + " " + error.string("code") + "): "
                    + error.string("message");
        } catch (RuntimeException notAnApiError) {
            return "the server refused " + request + " with status " + status + (body.isBlank() ? "" : ": " + body.strip());
        }
    }

    JsonObject admin(String method, String path, String body) {
        return call(method, path, adminToken, body);
    }

    MeshClient login(String agent) {
        String key = admin("POST", "/api/v1/agents", "{\"name\":\"" + agent + "\"}").string("api_key");
        session = call("POST", "/api/v1/sessions", "", "{\"api_key\":\"" + key + "\",\"scope\":\"read-write\"}").string("token");
        return this;
    }

    /** Opens a read-write session with an agent's API key. */
    MeshClient loginWithKey(String apiKey) {
        session = call("POST", "/api/v1/sessions", "", "{\"api_key\":" + org.hivemesh.domain.event.JsonValue.of(apiKey).canonical()
                + ",\"scope\":\"read-write\"}").string("token");
        return this;
    }

    JsonObject write(String method, String path, String body) {
        return call(method, path, session, body);
    }

    String token() {
        return session;
    }
}
