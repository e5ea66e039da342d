package org.hivemesh.adapters.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue;

/** A tiny HTTP client for tests: JSON in, status and parsed JSON out. */
public final class Api {
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, String body) {
        public JsonValue.JsonObject json() {
            return Json.parseObject(body);
        }

        public String errorCode() {
            return json().object("error").string("code");
        }
    }

    public Response call(String method, String path, String token, String body) {
        return call(method, path, token, "application/json", body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code body} as it is, with {@code contentType} unless that is null. */
    public Response call(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path, String token) {
        return call("GET", path, token, null);
    }

    public Response post(String path, String token, String body) {
        return call("POST", path, token, body);
    }
}
