package org.hivemesh.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.hivemesh.adapters.http.admin.CredentialRoutes;
import org.hivemesh.adapters.http.content.ContentRoutes;
import org.hivemesh.adapters.http.ops.HttpMetrics;
import org.hivemesh.adapters.http.sync.SyncAdminRoutes;
import org.hivemesh.application.consent.port.in.LiberationUseCase;
import org.hivemesh.application.content.port.in.RefusedEventsUseCase;
import org.hivemesh.application.fakes.TestApplication;
import org.hivemesh.application.portability.port.in.AdoptionUseCase;
import org.hivemesh.application.portability.port.in.PortabilityUseCases;
import org.hivemesh.application.shared.AdminAuthenticator;
import org.hivemesh.application.shared.port.in.AdminAuthentication;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.application.sync.port.in.SyncPeersUseCase;
import org.hivemesh.application.sync.port.out.PeerSchedule;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue.JsonArray;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request bodies and requests that are not exactly what API.md takes are refused in its error format, changing nothing. */
class StrictInputIT {
    private static final String ADMIN = "admin-token-for-tests-0123456789";
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(800);

    private final TestApplication app = new TestApplication();
    /** What reached the import use case: each import's body, as bytes. */
    private final List<byte[]> imported = new ArrayList<>();
    private HttpServer server;
    private Api api;
    private String alice;

    @BeforeEach
    void start() {
        HttpMetrics metrics = new HttpMetrics();
        AdminAuthentication admin = new AdminAuthenticator(ADMIN);
        Set<HttpRoutes> routes = new LinkedHashSet<>(List.of(
                new CredentialRoutes(app.agents, admin, app.stores.audit(), 100),
                new ContentRoutes(app.agents, app.hives, app.content, app.reads),
                new SyncAdminRoutes(unused(SyncGroupsUseCase.class), unused(SyncPeersUseCase.class),
                        unused(LiberationUseCase.class), recordingImports(), unused(AdoptionUseCase.class),
                        unused(RefusedEventsUseCase.class), admin, PeerSchedule.NONE)));
        server = new HttpServer(new HttpServer.Settings("127.0.0.1", 0, HttpServer.Settings.DEFAULT_MAX_BODY,
                HttpServer.Settings.DEFAULT_MAX_IMPORT, IDLE_TIMEOUT, "test", java.util.Optional.empty()), routes, metrics);
        server.start();
        api = new Api(server.port());
        alice = session();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static <T> T unused(Class<T> port) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            throw new AssertionError(method.getName() + " is not used here");
        }));
    }

    private PortabilityUseCases recordingImports() {
        return new PortabilityUseCases() {
            @Override
            public void export(String groupId, long since, Consumer<String> lines) {
                throw new AssertionError("export is not used here");
            }

            @Override
            public ImportReport importLines(InputStream jsonl, Optional<String> intoGroup) {
                try {
                    imported.add(jsonl.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return new ImportReport(intoGroup.orElseThrow(), 0, 0, 0, 0, 0, 0, List.of());
            }
        };
    }

    private String session() {
        Api.Response agent = api.post("/api/v1/agents", ADMIN, "{\"name\":\"alice\"}");
        Api.Response session = api.post("/api/v1/sessions", null,
                "{\"api_key\":\"" + agent.json().string("api_key") + "\",\"scope\":\"read-write\"}");
        return session.json().string("token");
    }

    private Api.Response createHive(String contentType, byte[] body) {
        return api.call("POST", "/api/v1/hives", alice, contentType, body);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void assertRefused(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.errorCode()).isEqualTo(code);
        assertHiveListUnchanged();
    }

    private void assertHiveListUnchanged() {
        assertThat(app.stores.hives().all()).isEmpty();
        assertThat(api.get("/api/v1/hives", alice).json().required("data")).isEqualTo(new JsonArray(List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"lab\"} x", "{\"name\":\"lab\"}{\"name\":\"lab2\"}", "{\"name\":\"lab\"}]",
            "{\"name\":\"lab\"} null", "{\"name\":\"lab\"},"})
    void contentAfterTheJsonValueIsMalformedAndCreatesNothing(String body) {
        Api.Response response = createHive("application/json", utf8(body));

        assertRefused(response, 400, "malformed_json");
    }

    @Test
    void whitespaceAfterTheJsonValueIsNoTrailingContent() {
        assertThat(createHive("application/json", utf8("{\"name\":\"lab\"} \r\n\t")).status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c0af", "eda080", "edbfbf", "e282", "ff", "fe", "80", "f4908080", "f09f98"})
    void aBodyThatIsNotUtf8IsRefusedNotRepaired(String bad) {
        byte[] before = utf8("{\"name\":\"lab\",\"description\":\"a");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(before);
        body.writeBytes(HexFormat.of().parseHex(bad));
        body.writeBytes(utf8("b\"}"));

        Api.Response response = createHive("application/json", body.toByteArray());

        assertRefused(response, 400, "invalid_utf8");
        assertThat(response.json().object("error").string("message")).contains("byte " + before.length);
    }

    @Test
    void aBodyTruncatedInsideAUtf8SequenceIsRefused() {
        byte[] body = utf8("{\"name\":\"lab\",\"description\":\"\u00e9\"}");

        Api.Response response = createHive("application/json", Arrays.copyOf(body, body.length - 3));

        assertRefused(response, 400, "invalid_utf8");
    }

    @Test
    void wellFormedUtf8IsStoredAsSent() {
        String description = "caf\u00e9 \u4e16\u754c \ud83d\ude00";

        Api.Response response = createHive("application/json; charset=utf-8",
                utf8("{\"name\":\"lab\",\"description\":\"" + description + "\"}"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/hives/lab", alice).json().string("description")).isEqualTo(description);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"lab\",\"description\":\"\\ud800\"}", "{\"name\":\"lab\",\"description\":\"\\udc00x\"}",
            "{\"name\":\"lab\",\"\\ud83d\":1}"})
    void anEscapedUnpairedSurrogateIsRefusedNotReplaced(String body) {
        Api.Response response = createHive("application/json", utf8(body));

        assertRefused(response, 400, "malformed_json");
        assertThat(response.json().object("error").string("message")).contains("surrogate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "text/plain", "application/x-ndjson",
            "application/json; charset=iso-8859-1", "application/json;charset=\"utf-16\"", "application/jsonx",
            "multipart/form-data; boundary=x", "text/json"})
    void aJsonBodyOfAnotherMediaTypeIsUnsupported(String contentType) {
        Api.Response response = createHive(contentType, utf8("{\"name\":\"lab\"}"));

        assertRefused(response, 415, "unsupported_media_type");
        assertThat(response.json().object("error").string("message")).contains("application/json");
    }

    @Test
    void aBodyWithoutContentTypeIsReadAsJsonAndStillCheckedStrictly() {
        assertRefused(createHive(null, utf8("{\"name\":\"lab\"} trailing")), 400, "malformed_json");
        assertThat(createHive(null, utf8("{\"name\":\"lab\"}")).status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON; Charset=\"UTF-8\"", "application/merge-patch+json",
            "application/json; charset=utf-8; profile=x"})
    void jsonMediaTypesAreAccepted(String contentType) {
        assertThat(createHive(contentType, utf8("{\"name\":\"lab\"}")).status()).isEqualTo(201);
    }

    @Test
    void aRequestWithoutBodyNeedsNoContentType() {
        createHive("application/json", utf8("{\"name\":\"lab\"}"));

        assertThat(api.call("GET", "/api/v1/hives", alice, null, null).status()).isEqualTo(200);
        assertThat(api.call("GET", "/api/v1/hives", alice, "application/x-www-form-urlencoded", null).status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-ndjson", "application/jsonl", "text/plain; charset=utf-8", "application/json"})
    void theImportTakesJsonLines(String contentType) {
        byte[] body = utf8("{\"a\":1}\n{\"b\":2}\n");

        Api.Response response = api.call("POST", "/api/v1/sync/groups/grp_x/import", ADMIN, contentType, body);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(imported).containsExactly(body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "application/x-ndjson; charset=latin1"})
    void theImportRefusesOtherMediaTypesBeforeReadingALine(String contentType) {
        Api.Response response = api.call("POST", "/api/v1/sync/groups/grp_x/import", ADMIN, contentType,
                utf8("{\"a\":1}\n"));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.errorCode()).isEqualTo("unsupported_media_type");
        assertThat(imported).isEmpty();
    }

    // Requests an HTTP client would not send: written on a raw socket, so Jetty itself has to refuse them.

    private record RawResponse(int status, String contentType, String body) {
        JsonObject error() {
            return Json.parseObject(body).object("error");
        }
    }

    private RawResponse raw(byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headersEnd);
            String contentType = head.lines().filter(l -> l.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(l -> l.substring(13).strip()).findFirst().orElse("");
            return new RawResponse(Integer.parseInt(head.substring(9, 12)), contentType,
                    response.substring(headersEnd + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RawResponse raw(String request) {
        return raw(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void assertJsonError(RawResponse response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.error().string("code")).isEqualTo(code);
        assertThat(response.error().string("message")).isNotBlank();
    }

    private RawResponse rawRequest(String method, String target) {
        return raw(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + alice
                + "\r\nConnection: close\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/hives/%zz", "/api/v1/hives/%e", "/api/v1/hives/%c0%af", "/api/v1/hives/a%00b",
            "/api/v1/hives/\u00e9"})
    void aBadlyEncodedPathIsRefusedInJson(String path) {
        assertJsonError(rawRequest("GET", path), 400, "bad_request");
        assertJsonError(rawRequest("PATCH", path), 400, "bad_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/hives/a%2Fb", "/api/v1/hives/%2e%2e/hives", "/api/v1/hives/a%25b", "/api/v1/hives//lab"})
    void aPathThatReadsDifferentlyOnceDecodedIsRefused(String path) {
        createHive("application/json", utf8("{\"name\":\"lab\"}"));

        assertJsonError(rawRequest("GET", path), 400, "ambiguous_uri");
        assertJsonError(rawRequest("DELETE", path), 400, "ambiguous_uri");
        assertThat(api.get("/api/v1/hives/lab", alice).status()).isEqualTo(200);
    }

    @Test
    void anOverlongUriIsRefusedInJson() {
        assertJsonError(rawRequest("GET", "/api/v1/hives/" + "a".repeat(20_000)), 414, "uri_too_long");
    }

    @Test
    void aBrokenRequestHeadIsRefusedInJson() {
        assertJsonError(raw("GET /api/v1/hives HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n\r\n"), 400, "bad_request");
        assertJsonError(raw("GET /api/v1/hives HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 2"
                + "\r\n\r\nab"), 400, "bad_request");
        assertJsonError(raw("NOT HTTP\r\n\r\n"), 505, "http_version_not_supported");
    }

    @Test
    void oversizeHeadersAreRefusedInJson() {
        RawResponse response = raw("GET /api/v1/hives HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(64 * 1024)
                + "\r\nConnection: close\r\n\r\n");

        assertJsonError(response, 431, "headers_too_large");
    }

    @Test
    void brokenChunksAreABadRequestAndCreateNothing() {
        RawResponse response = raw("POST /api/v1/hives HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + alice
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "5\r\n{\"nam\r\nzz\r\n");

        assertJsonError(response, 400, "bad_request");
        assertHiveListUnchanged();
    }

    @Test
    void aChunkedBodyIsHeldToTheSameMediaTypes() {
        RawResponse response = raw("POST /api/v1/hives HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + alice
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\ne\r\n{\"name\":\"lab\"}\r\n0\r\n\r\n");

        assertJsonError(response, 415, "unsupported_media_type");
        assertHiveListUnchanged();
    }

    @Test
    void anImportThatStopsComingTimesOutInJson() {
        RawResponse response = raw("POST /api/v1/sync/groups/grp_x/import HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + ADMIN + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100\r\n\r\n"
                + "{\"a\":1}\n");

        assertJsonError(response, 408, "request_timeout");
    }

    @Test
    void aBodyThatStopsComingTimesOutInJsonAndCreatesNothing() {
        RawResponse response = raw("POST /api/v1/hives HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + alice
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":\"lab\"");

        assertJsonError(response, 408, "request_timeout");
        assertHiveListUnchanged();
    }
}
