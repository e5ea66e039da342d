package org.hivemesh.adapters.http.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hivemesh.adapters.http.Route;
import org.hivemesh.adapters.http.Schema;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.Test;

class OpenApiTest {
    private static final Schema THING = Schema.object().required("id", Schema.string()).named("Thing");

    private static Route.Definition typed(String method, String path, Route.Spec spec) {
        return new Route.Definition(method, path, spec, "Things");
    }

    @Test
    void namedSchemasBecomeComponentsAndRoutesGetTheErrorsOfTheirKind() {
        JsonObject doc = OpenApi.document("1", List.of(typed("post", "/things/{id}", Route.op("makeThing", "make")
                .auth(Route.Auth.SESSION).body(THING).returns(201, THING).errors(409))));

        JsonObject op = doc.object("paths").object("/things/{id}").object("post");
        assertThat(doc.object("components").object("schemas").members()).containsKeys("Thing", "Error");
        assertThat(op.object("responses").members()).containsOnlyKeys("201", "400", "401", "403", "404", "409", "413",
                "415", "507");
        assertThat(op.object("requestBody").object("content").object("application/json").object("schema")
                .string("$ref")).isEqualTo("#/components/schemas/Thing");
        assertThat(op.objects("security").get(0).members()).containsOnlyKeys("session");
    }

    @Test
    void twoRoutesWithOneOperationIdOrATypedRouteWithoutResponseAreRefused() {
        assertThatThrownBy(() -> OpenApi.document("1", List.of(
                typed("get", "/a", Route.op("same", "a").returns(200, THING)),
                typed("get", "/b", Route.op("same", "b").returns(200, THING)))))
                .hasMessageContaining("operationId same");
        assertThatThrownBy(() -> OpenApi.document("1", List.of(typed("get", "/a", Route.op("none", "a")))))
                .hasMessageContaining("declares no response");
    }

    @Test
    void twoDifferentSchemasUnderOneNameAreRefused() {
        Schema other = Schema.object().required("name", Schema.string()).named("Thing");

        assertThatThrownBy(() -> OpenApi.document("1", List.of(typed("get", "/a", Route.op("a", "a").returns(200, THING)),
                typed("get", "/b", Route.op("b", "b").returns(200, other)))))
                .hasMessageContaining("two different schemas are named Thing");
    }
}
