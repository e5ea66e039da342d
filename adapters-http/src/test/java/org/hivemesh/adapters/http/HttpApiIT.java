package org.hivemesh.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.adapters.http.admin.CredentialRoutes;
import org.hivemesh.adapters.http.content.ContentRoutes;
import org.hivemesh.adapters.http.ops.HttpMetrics;
import org.hivemesh.adapters.http.ops.OpsRoutes;
import org.hivemesh.application.fakes.TestApplication;
import org.hivemesh.application.shared.AdminAuthenticator;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Credentials, Local content and Operations parts of API.md over real HTTP. */
class HttpApiIT {
    private static final String ADMIN = "admin-token-for-tests-0123456789";

    private final TestApplication app = new TestApplication();
    private HttpServer server;
    private Api api;
    private volatile Optional<String> storeProblem = Optional.empty();

    @BeforeEach
    void start() {
        HttpMetrics metrics = new HttpMetrics();
        Set<HttpRoutes> routes = new LinkedHashSet<>(List.of(
                new CredentialRoutes(app.agents, new AdminAuthenticator(ADMIN), app.stores.audit(), 5),
                new ContentRoutes(app.agents, app.hives, app.content, app.reads),
                new OpsRoutes(new OpsRoutes.InstanceInfo(app.identity.instanceId(), app.identity.publicKeyHex(), "test"),
                        () -> "http://127.0.0.1/sync/v1", () -> storeProblem, metrics)));
        server = new HttpServer(new HttpServer.Settings("127.0.0.1", 0, HttpServer.Settings.DEFAULT_MAX_BODY,
                HttpServer.Settings.DEFAULT_MAX_IMPORT, HttpServer.Settings.DEFAULT_IDLE_TIMEOUT, "test", Optional.empty()),
                routes, metrics);
        server.start();
        api = new Api(server.port());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private String session(String name, String scope) {
        Api.Response agent = api.post("/api/v1/agents", ADMIN, "{\"name\":\"" + name + "\"}");
        assertThat(agent.status()).isEqualTo(201);
        Api.Response session = api.post("/api/v1/sessions", null,
                "{\"api_key\":\"" + agent.json().string("api_key") + "\",\"scope\":\"" + scope + "\"}");
        assertThat(session.status()).isEqualTo(201);
        return session.json().string("token");
    }

    private long eventCount() {
        return app.stores.hives().all().stream().mapToLong(h -> app.stores.events().count(h.groupId())).sum();
    }

    @Test
    void wrongApiKeysFromOneSourceAreThrottledAndThenEvenTheRightKeyWaits() {
        String key = api.post("/api/v1/agents", ADMIN, "{\"name\":\"bob\"}").json().string("api_key");
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/sessions", null, "{\"api_key\":\"hmk_wrong" + i + "\"}").status()).isEqualTo(401);
        }

        Api.Response throttled = api.post("/api/v1/sessions", null, "{\"api_key\":\"" + key + "\"}");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.errorCode()).isEqualTo("too_many_attempts");
        assertThat(app.stores.credentials().liveSessions(app.stores.credentials().agentByApiKeyHash(
                org.hivemesh.application.shared.Secrets.hash(key)).orElseThrow().agentId(), app.clock.now())).isZero();
    }

    @Test
    void theAdminListsAgentsAndGrantsExecute() {
        String agentId = api.post("/api/v1/agents", ADMIN, "{\"name\":\"carol\"}").json().string("agent_id");

        Api.Response granted = api.call("PATCH", "/api/v1/agents/" + agentId, ADMIN, "{\"may_execute\":true}");
        Api.Response notAnAdmin = api.call("PATCH", "/api/v1/agents/" + agentId, "nope", "{\"may_execute\":false}");
        Api.Response wrongType = api.call("PATCH", "/api/v1/agents/" + agentId, ADMIN, "{\"may_execute\":\"yes\"}");

        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().required("may_execute")).isEqualTo(org.hivemesh.domain.event.JsonValue.TRUE);
        assertThat(notAnAdmin.status()).isEqualTo(403);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(api.get("/api/v1/agents", ADMIN).body()).contains(agentId, "\"may_execute\":true");
    }

    @Test
    void anAgentWritesAndReadsAThreadedHive() {
        String alice = session("alice", "read-write");
        Api.Response hive = api.post("/api/v1/hives", alice, "{\"name\":\"ml-lab\",\"description\":\"ML research hub\"}");
        assertThat(hive.status()).isEqualTo(201);
        assertThat(hive.json().string("description")).isEqualTo("ML research hub");

        Api.Response post = api.post("/api/v1/hives/ml-lab/posts", alice, "{\"title\":\"First\",\"content\":\"hello\"}");
        assertThat(post.status()).isEqualTo(201);
        String postId = post.json().string("post_id");
        assertThat(post.json().object("author").string("name")).isEqualTo("alice");
        assertThat(post.json().string("origin_instance_id")).isEqualTo(app.identity.instanceId());

        Api.Response comment = api.post("/api/v1/posts/" + postId + "/comments", alice, "{\"content\":\"top\"}");
        String commentId = comment.json().string("comment_id");
        Api.Response reply = api.post("/api/v1/posts/" + postId + "/comments", alice,
                "{\"content\":\"reply\",\"parent_comment_id\":\"" + commentId + "\"}");
        assertThat(reply.status()).isEqualTo(201);
        Api.Response vote = api.post("/api/v1/votes", alice, "{\"target_type\":\"post\",\"target_id\":\"" + postId + "\",\"value\":1}");
        assertThat(vote.json().number("score")).isEqualTo(1);

        Api.Response view = api.get("/api/v1/posts/" + postId.substring(0, 13), alice);
        assertThat(view.status()).isEqualTo(200);
        JsonObject top = (JsonObject) ((JsonValue.JsonArray) view.json().required("comments")).items().get(0);
        assertThat(top.string("content")).isEqualTo("top");
        assertThat(((JsonValue.JsonArray) top.required("replies")).items()).hasSize(1);

        Api.Response edited = api.call("PATCH", "/api/v1/posts/" + postId, alice, "{\"title\":\"First, edited\"}");
        assertThat(edited.json().string("title")).isEqualTo("First, edited");
        Api.Response feed = api.get("/api/v1/hives/ml-lab/feed?sort=top&limit=10", alice);
        assertThat(((JsonValue.JsonArray) feed.json().required("data")).items()).hasSize(1);
        assertThat(feed.json().required("has_more")).isEqualTo(JsonValue.FALSE);

        assertThat(api.call("DELETE", "/api/v1/posts/" + postId, alice, null).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/posts/" + postId, alice).status()).isEqualTo(404);
    }

    @Test
    void contradictingDecisionsAreFlaggedAndAReviewResolvesThem() {
        String alice = session("alice", "read-write");
        String bob = session("bob", "read-write");
        api.post("/api/v1/hives", alice, "{\"name\":\"arch\"}");
        String decision = "{\"topic\":\"db\",\"choice\":\"%s\",\"text\":\"t\",\"confidence\":0.85,\"category\":\"arch\",\"stakes\":\"medium\"}";
        String keep = api.post("/api/v1/hives/arch/decisions", alice, String.format(decision, "postgres")).json().string("decision_id");
        assertThat(api.post("/api/v1/hives/arch/decisions", bob, String.format(decision, "mongo")).status()).isEqualTo(201);

        Api.Response conflicts = api.get("/api/v1/hives/arch/conflicts", alice);
        List<JsonValue> open = ((JsonValue.JsonArray) conflicts.json().required("data")).items();
        assertThat(open).hasSize(1);
        String conflictId = ((JsonObject) open.get(0)).string("conflict_id");

        Api.Response review = api.post("/api/v1/conflicts/" + conflictId + "/review", alice,
                "{\"keep_decision_id\":\"" + keep + "\",\"note\":\"SQL fits\"}");
        assertThat(review.status()).isEqualTo(200);
        assertThat(((JsonValue.JsonArray) api.get("/api/v1/hives/arch/conflicts", alice).json().required("data")).items()).isEmpty();
    }

    @Test
    void malformedJsonIsRefusedAndNothingIsStored() {
        String alice = session("alice", "read-write");

        Api.Response response = api.post("/api/v1/hives", alice, "{\"name\": \"lab\",");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("malformed_json");
        assertThat(app.stores.hives().all()).isEmpty();
    }

    @Test
    void wrongTypesAndMissingFieldsNameTheFieldAndStoreNothing() {
        String alice = session("alice", "read-write");
        api.post("/api/v1/hives", alice, "{\"name\":\"lab\"}");
        long before = eventCount();

        Api.Response wrongType = api.post("/api/v1/hives/lab/posts", alice, "{\"title\":5}");
        Api.Response missing = api.post("/api/v1/hives/lab/posts", alice, "{\"content\":\"no title\"}");
        Api.Response badVote = api.post("/api/v1/votes", alice, "{\"target_type\":\"post\",\"target_id\":\"x\",\"value\":2.5}");

        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.errorCode()).isEqualTo("invalid_field");
        assertThat(wrongType.json().object("error").string("message")).contains("title");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().object("error").string("message")).contains("title");
        assertThat(badVote.status()).isEqualTo(400);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void anOversizeBodyIsRefusedAndNothingIsStored() {
        String alice = session("alice", "read-write");
        api.post("/api/v1/hives", alice, "{\"name\":\"lab\"}");
        long before = eventCount();

        Api.Response response = api.post("/api/v1/hives/lab/posts", alice,
                "{\"title\":\"big\",\"content\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.errorCode()).isEqualTo("body_too_large");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void unknownIdsAreNotFound() {
        String alice = session("alice", "read-write");

        Api.Response post = api.get("/api/v1/posts/post_doesnotexist", alice);
        Api.Response hive = api.post("/api/v1/hives/nope/posts", alice, "{\"title\":\"t\"}");
        Api.Response route = api.get("/api/v1/nothing-here", alice);

        assertThat(post.status()).isEqualTo(404);
        assertThat(post.errorCode()).isEqualTo("post_not_found");
        assertThat(hive.errorCode()).isEqualTo("hive_not_found");
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.errorCode()).isEqualTo("not_found");
    }

    @Test
    void wrongMissingExpiredOrUnderscopedTokensAreRefusedAndStoreNothing() {
        String reader = session("reader", "read");
        String writer = session("writer", "read-write");

        Api.Response none = api.post("/api/v1/hives", null, "{\"name\":\"lab\"}");
        Api.Response wrong = api.post("/api/v1/hives", "hms_not-a-real-token", "{\"name\":\"lab\"}");
        Api.Response underscoped = api.post("/api/v1/hives", reader, "{\"name\":\"lab\"}");
        Api.Response notAdmin = api.post("/api/v1/agents", writer, "{\"name\":\"eve\"}");
        Api.Response badKey = api.post("/api/v1/sessions", null, "{\"api_key\":\"hmk_wrong\"}");
        app.clock.advance(Duration.ofHours(8));
        Api.Response expired = api.post("/api/v1/hives", writer, "{\"name\":\"lab\"}");

        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(underscoped.status()).isEqualTo(403);
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(badKey.status()).isEqualTo(401);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.errorCode()).isEqualTo("token_expired");
        assertThat(app.stores.hives().all()).isEmpty();
    }

    @Test
    void operationsEndpointsDescribeTheInstance() {
        assertThat(api.get("/healthz", null).status()).isEqualTo(200);
        assertThat(api.get("/readyz", null).json().string("status")).isEqualTo("ready");
        Api.Response wellKnown = api.get("/.well-known/hivemesh.json", null);
        assertThat(wellKnown.json().string("instance_id")).isEqualTo(app.identity.instanceId());
        assertThat(wellKnown.json().string("public_key")).isEqualTo(app.identity.publicKeyHex());
        Api.Response openApi = api.get("/openapi.json", null);
        assertThat(openApi.json().object("paths").members()).containsKeys("/api/v1/hives", "/api/v1/posts/{post_id}",
                "/api/v1/sessions", "/healthz");
        Api.Response metrics = api.get("/metrics", null);
        assertThat(metrics.body()).contains("hivemesh_http_requests");
    }

    @Test
    void readinessFollowsTheStoreAndSaysWhyItIsNotReady() {
        storeProblem = Optional.of("the store is full (database or disk is full)");
        Api.Response full = api.get("/readyz", null);
        assertThat(full.status()).isEqualTo(503);
        assertThat(full.json().string("status")).isEqualTo("unavailable");
        assertThat(full.json().string("reason")).isEqualTo("the store is full (database or disk is full)");

        storeProblem = Optional.empty();
        Api.Response ready = api.get("/readyz", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("reason")).isEmpty();
    }
}
