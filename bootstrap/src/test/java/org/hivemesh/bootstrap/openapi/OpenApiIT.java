package org.hivemesh.bootstrap.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.bootstrap.config.ConfigLoader;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /openapi.json of a full instance (hub role on, so every route is served) read by a real OpenAPI 3.1 parser. */
class OpenApiIT {
    private static HivemeshInstance instance;
    private static String document;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("hivemesh-openapi");
        instance = HivemeshInstance.start(ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("data_dir", dir.toString(), "port", "0", "hub_role", "true")), "admin-token-for-openapi-tests");
        document = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/openapi.json"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        // Kept for a look, or for `openapi-generator validate -i bootstrap/target/openapi.json`.
        Files.writeString(Path.of("target", "openapi.json"), document);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    private static SwaggerParseResult parsed() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        return new OpenAPIParser().readContents(document, null, options);
    }

    @Test
    void theDocumentIsOpenApi31WithoutASingleValidationMessage() {
        SwaggerParseResult result = parsed();

        assertThat(result.getMessages()).as("validator messages").isEmpty();
        assertThat(result.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsKeys("admin", "session", "sync")
                .allSatisfy((name, scheme) -> assertThat(scheme.getScheme()).isEqualTo("bearer"));
    }

    @Test
    void everyOperationIsTypedNamedSecuredAndDescribesItsErrors() {
        OpenAPI api = parsed().getOpenAPI();
        Set<String> ids = new HashSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String route = method + " " + path;
            assertThat(ids.add(op.getOperationId())).as("unique operationId of " + route).isTrue();
            assertThat(op.getSecurity()).as("security of " + route).isNotNull();
            assertThat(successes(op)).as("a described success of " + route).isNotEmpty();
            op.getResponses().forEach((status, response) -> {
                // /readyz answers 503 with its readiness, which is the point of it; every other refusal is an Error.
                if ((status.startsWith("4") || status.startsWith("5")) && !path.equals("/readyz")) {
                    assertThat(schemaRef(response)).as(route + " " + status).isEqualTo("#/components/schemas/Error");
                }
            });
            if (path.contains("{")) {
                assertThat(op.getResponses()).as(route).containsKey("404");
            }
            if (op.getRequestBody() != null) {
                assertThat(op.getResponses()).as(route).containsKeys("400", "413", "415");
            }
        }));

        assertThat(ids).contains("createAgent", "listAgents", "updateAgent", "openSession", "createPost", "getFeed",
                "handshake", "pushEvents", "listSwarms", "openApi");
        Operation feed = api.getPaths().get("/api/v1/hives/{name}/feed").getGet();
        assertThat(feed.getParameters()).extracting(p -> p.getIn() + ":" + p.getName())
                .contains("path:name", "query:sort", "query:limit", "query:cursor");
        assertThat(api.getPaths().get("/api/v1/agents").getPost().getRequestBody().getContent()
                .get("application/json").getSchema().get$ref()).isEqualTo("#/components/schemas/CreateAgentRequest");
        assertThat(api.getPaths().get("/sync/v1/heartbeat").getPost().getSecurity().get(0)).containsKey("sync");
    }

    private static List<String> successes(Operation op) {
        return op.getResponses().entrySet().stream().filter(e -> e.getKey().startsWith("2"))
                .filter(e -> e.getKey().equals("204") || e.getValue().getContent() != null).map(Map.Entry::getKey).toList();
    }

    private static String schemaRef(ApiResponse response) {
        return response.getContent().get("application/json").getSchema().get$ref();
    }
}
