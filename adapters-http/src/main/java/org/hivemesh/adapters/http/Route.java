package org.hivemesh.adapters.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a route takes and answers: its operationId, the credential it needs, its body, query parameters and
 * responses. The router serves the route and lists the same definition in /openapi.json, so the document
 * cannot drift from what is served.
 */
public final class Route {
    private Route() {
    }

    /** The credential a route needs; each but NONE and SIGNED is a bearer token (API.md, "Credentials"). */
    public enum Auth {
        NONE, ADMIN, SESSION, ADMIN_OR_EXECUTE,
        /** A peer's signed request without a token yet: the handshake. */
        SIGNED,
        /** A peer's signed request with its sync token. */
        SYNC,
        REGISTRATION, SWARM
    }

    /** Starts a typed definition; {@code operationId} names the method a generated client gets. */
    public static Spec op(String operationId, String summary) {
        return new Spec(operationId, summary);
    }

    public record Query(String name, Schema schema, String description) {
    }

    /** A response: JSON with a schema, another media type (JSONL, Prometheus text), or no body. */
    public record Response(String description, Optional<String> mediaType, Optional<Schema> schema) {
    }

    /** A route as it was registered, with the tag that groups it (a generated client's API class). */
    public record Definition(String method, String path, Spec spec, String tag) {
    }

    public static final class Spec {
        private final String operationId;
        private final String summary;
        private Auth auth = Auth.NONE;
        private Optional<Schema> body = Optional.empty();
        private boolean jsonLinesBody;
        private final List<Query> query = new ArrayList<>();
        private final Map<Integer, Response> responses = new TreeMap<>();
        private final Set<Integer> errors = new TreeSet<>();

        private Spec(String operationId, String summary) {
            if (!operationId.matches("[a-z][A-Za-z0-9]*")) {
                throw new IllegalArgumentException("operationId must be lowerCamelCase: " + operationId);
            }
            this.operationId = operationId;
            this.summary = summary;
        }

        public Spec auth(Auth needed) {
            this.auth = needed;
            return this;
        }

        /** A JSON request body (required). */
        public Spec body(Schema schema) {
            this.body = Optional.of(schema);
            return this;
        }

        /** A streamed JSON Lines body, held to the import limit. */
        public Spec jsonLinesBody() {
            this.jsonLinesBody = true;
            return this;
        }

        public Spec query(String name, Schema schema, String description) {
            query.add(new Query(name, schema, description));
            return this;
        }

        public Spec returns(int status, Schema schema) {
            responses.put(status, new Response(reason(status), Optional.of("application/json"), Optional.of(schema)));
            return this;
        }

        public Spec returnsBody(int status, String mediaType, String description) {
            responses.put(status, new Response(description, Optional.of(mediaType), Optional.of(Schema.string())));
            return this;
        }

        public Spec returnsNothing(int status) {
            responses.put(status, new Response(reason(status), Optional.empty(), Optional.empty()));
            return this;
        }

        /** Refusals beside the ones every route of its kind can give (400, 401, 403, 404, 413, 415 as fits). */
        public Spec errors(int... statuses) {
            for (int status : statuses) {
                errors.add(status);
            }
            return this;
        }

        public String operationId() {
            return operationId;
        }

        public String summary() {
            return summary;
        }

        public Auth auth() {
            return auth;
        }

        public Optional<Schema> body() {
            return body;
        }

        public boolean takesJsonLines() {
            return jsonLinesBody;
        }

        public List<Query> query() {
            return List.copyOf(query);
        }

        public Map<Integer, Response> responses() {
            return Map.copyOf(responses);
        }

        public Set<Integer> errors() {
            return Set.copyOf(errors);
        }

        private static String reason(int status) {
            return switch (status) {
                case 200 -> "OK";
                case 201 -> "created";
                case 202 -> "accepted; it happens in the background";
                case 204 -> "done; no body";
                default -> "status " + status;
            };
        }
    }
}
