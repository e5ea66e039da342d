package org.hivemesh.adapters.http.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hivemesh.adapters.http.Router;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** An OpenAPI 3.1 document built from the routes actually registered. */
public final class OpenApi {
    private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");

    private OpenApi() {
    }

    public static JsonObject document(String version, List<Router.RouteDoc> routes) {
        Map<String, JsonValue.Builder> paths = new LinkedHashMap<>();
        for (Router.RouteDoc route : routes) {
            List<JsonValue> parameters = new ArrayList<>();
            Matcher m = PARAM.matcher(route.path());
            while (m.find()) {
                parameters.add(JsonObject.builder().put("name", m.group(1)).put("in", "path").put("required", true)
                        .put("schema", JsonObject.builder().put("type", "string").build()).build());
            }
            JsonValue.Builder operation = JsonObject.builder().put("summary", route.summary())
                    .put("x-hivemesh-auth", route.auth()).putArray("parameters", parameters)
                    .put("responses", JsonObject.builder().put("default", JsonObject.builder()
                            .put("description", "JSON; errors as {\"error\": {\"code\", \"message\"}}").build()).build());
            paths.computeIfAbsent(route.path(), p -> JsonObject.builder()).put(route.method(), operation.build());
        }
        JsonValue.Builder pathJson = JsonObject.builder();
        paths.forEach((path, ops) -> pathJson.put(path, ops.build()));
        return JsonObject.builder().put("openapi", "3.1.0")
                .put("info", JsonObject.builder().put("title", "hivemesh").put("version", version).build())
                .put("paths", pathJson.build()).build();
    }
}
