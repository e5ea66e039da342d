package org.hivemesh.adapters.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** Request bodies parsed strictly with Jackson into our JSON model; responses written in compact form. */
public final class JsonBodies {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private JsonBodies() {
    }

    public static JsonObject object(Context ctx) {
        String body = utf8(bytes(ctx));
        if (body.isBlank()) {
            throw new ApiError(400, "malformed_json", "a JSON object body is required");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "malformed_json", "malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ApiError(400, "malformed_json", "the body must be a JSON object");
        }
        return (JsonObject) convert(node);
    }

    private static byte[] bytes(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (Exception e) {
            // Javalin answers a read timeout with an empty 408 and other read failures with 500; both are the client's.
            if (e instanceof IOException io) {
                throw unreadable(io);
            }
            throw e;
        }
    }

    /** The refusal for a request body that broke off: the client stopped sending, or sent broken chunks. */
    public static ApiError unreadable(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return new ApiError(408, "request_timeout", "the request body stopped arriving (idle timeout)");
            }
        }
        return new ApiError(400, "bad_request", "the request body could not be read: " + e.getMessage());
    }

    /** Strict: ctx.body() would quietly turn bad bytes into U+FFFD and so store text the client never sent. */
    private static String utf8(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, true);
        if (result.isError()) {
            throw new ApiError(400, "invalid_utf8", "the body is not UTF-8: invalid byte sequence at byte " + in.position());
        }
        return out.flip().toString();
    }

    static JsonValue convert(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonValue> members = new TreeMap<>();
            node.fields().forEachRemaining(e -> members.put(text(e.getKey()), convert(e.getValue())));
            return new JsonObject(members);
        }
        if (node.isArray()) {
            List<JsonValue> items = new ArrayList<>();
            node.forEach(n -> items.add(convert(n)));
            return new JsonValue.JsonArray(items);
        }
        if (node.isTextual()) {
            return JsonValue.of(text(node.textValue()));
        }
        if (node.isNumber()) {
            return JsonValue.of(node.doubleValue());
        }
        if (node.isBoolean()) {
            return JsonValue.of(node.booleanValue());
        }
        return JsonValue.NULL;
    }

    /** Jackson takes an escaped lone surrogate ("\\ud800") as it is; it has no UTF-8 form, so it is refused. */
    private static String text(String value) {
        int lone = JsonValue.loneSurrogate(value);
        if (lone >= 0) {
            throw new ApiError(400, "malformed_json", String.format(
                    "malformed JSON: a string holds an unpaired surrogate \\u%04x", (int) value.charAt(lone)));
        }
        return value;
    }

    public static void respond(Context ctx, int status, JsonValue body) {
        ctx.status(status).contentType("application/json").result(body.canonical());
    }

    public static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim());
    }

    public static Optional<Integer> intQuery(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "invalid_query", "query parameter '" + name + "' must be an integer");
        }
    }

    /** A boolean query parameter: absent is false; anything but true or false is refused. */
    public static boolean flag(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new ApiError(400, "invalid_query", "query parameter '" + name + "' must be true or false");
    }
}
