package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/hives/{name}/stream over real HTTP: local and synced changes, resume, and a client too slow to keep. */
class StreamIT {
    private final Mesh mesh = new Mesh();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        mesh.close();
    }

    record Sse(long id, String event, JsonObject data) {
    }

    /** Reads a stream on its own thread, event by event, as an EventSource would. */
    final class Reader implements AutoCloseable {
        final List<Sse> events = new CopyOnWriteArrayList<>();
        final List<String> comments = new CopyOnWriteArrayList<>();
        private final InputStream body;

        Reader(Node node, String token, String hive, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/hives/" + hive + "/stream"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
            body = response.body();
            Thread thread = new Thread(this::read, "sse-reader");
            thread.setDaemon(true);
            thread.start();
            open.add(this);
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                String event = null;
                String data = null;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (data != null) {
                            events.add(new Sse(Long.parseLong(id), event, Json.parseObject(data)));
                        }
                        id = event = data = null;
                    } else if (line.startsWith(":")) {
                        comments.add(line);
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data = line.substring(6);
                    }
                }
            } catch (IOException closed) {
                // closed by the test or the server
            }
        }

        List<String> titles() {
            return events.stream().filter(e -> e.event().equals("post_created"))
                    .map(e -> e.data().object("payload").string("title")).toList();
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private static double metric(Node node, String name) {
        return new PrometheusText(node.admin().send("GET", "/metrics", null, null).body()).samples(name).stream()
                .mapToDouble(PrometheusText.Sample::value).sum();
    }

    @Test
    void localAndSyncedChangesArriveInSeqOrderAndAResumeMissesNothing() throws Exception {
        Node a = mesh.node("a", Map.of());
        Node b = mesh.node("b", Map.of());
        String group = a.createSyncedHive("live");
        b.join(a, "live");
        Mesh.awaitConvergence(group, a, b);
        Client alice = a.agent("alice");
        Client bob = b.agent("bob");
        Reader first = new Reader(a, alice.session(), "live", null);

        alice.post("/api/v1/hives/live/posts", "{\"title\":\"written here\"}");
        bob.post("/api/v1/hives/live/posts", "{\"title\":\"written on b\"}");
        Mesh.await("both posts on a's stream", () -> first.titles().containsAll(List.of("written here", "written on b")));

        assertThat(first.comments).contains(": hive live");
        Sse local = first.events.stream().filter(e -> e.event().equals("post_created")
                && e.data().object("payload").string("title").equals("written here")).findFirst().orElseThrow();
        Sse synced = first.events.stream().filter(e -> e.event().equals("post_created")
                && e.data().object("payload").string("title").equals("written on b")).findFirst().orElseThrow();
        assertThat(local.data().string("origin_instance_id")).isEqualTo(a.instanceId());
        assertThat(local.data().object("author").string("name")).isEqualTo("alice");
        assertThat(synced.data().string("origin_instance_id")).isEqualTo(b.instanceId());
        assertThat(synced.data().string("hive")).isEqualTo("live");
        assertThat(first.events).extracting(Sse::id).isSorted().doesNotHaveDuplicates();
        assertThat(first.events).allSatisfy(e -> assertThat(e.data().number("seq")).isEqualTo(e.id()));

        first.close();
        long seen = local.id();
        List<Long> after = first.events.stream().map(Sse::id).filter(id -> id > seen).toList();
        alice.post("/api/v1/hives/live/posts", "{\"title\":\"while away\"}");
        Reader resumed = new Reader(a, alice.session(), "live", String.valueOf(seen));
        Mesh.await("the post made while away", () -> resumed.titles().contains("while away"));

        assertThat(resumed.events).extracting(Sse::id).allSatisfy(id -> assertThat(id).isGreaterThan(seen)).isSorted()
                .doesNotHaveDuplicates().startsWith(after.toArray(Long[]::new));
        assertThat(resumed.titles()).doesNotContain("written here");
        Client.Reply unauthenticated = a.admin().send("GET", "/api/v1/hives/live/stream", null, null);
        assertThat(unauthenticated.status()).isEqualTo(401);
        Client.Reply badResume = a.admin().send("GET", "/api/v1/hives/live/stream?last_event_id=soon", alice.session(), null);
        assertThat(badResume.status()).isEqualTo(400);
    }

    @Test
    void eachChangeCarriesWhatItIsAboutAsTheApiReadsIt() throws Exception {
        Node a = mesh.node("a", Map.of());
        Node b = mesh.node("b", Map.of());
        String group = a.createSyncedHive("objects");
        b.join(a, "objects");
        Mesh.awaitConvergence(group, a, b);
        Client alice = a.agent("alice");
        Client bob = b.agent("bob");
        Reader stream = new Reader(a, alice.session(), "objects", null);

        String post = alice.post("/api/v1/hives/objects/posts", "{\"title\":\"first\",\"content\":\"hi\"}").json()
                .string("post_id");
        String comment = alice.post("/api/v1/posts/" + post + "/comments", "{\"content\":\"welcome\"}").json()
                .string("comment_id");
        alice.post("/api/v1/votes", "{\"target_type\":\"post\",\"target_id\":\"" + post + "\",\"value\":1}");
        assertThat(alice.post("/api/v1/hives/objects/members", "{\"agent_id\":\"" + alice.agentId()
                + "\",\"action\":\"join\"}").status()).isEqualTo(200);
        String decision = alice.post("/api/v1/hives/objects/decisions", "{\"topic\":\"db\",\"choice\":\"pg\","
                + "\"text\":\"sql\",\"confidence\":0.8,\"category\":\"arch\",\"stakes\":\"low\"}").json()
                .string("decision_id");
        String synced = bob.post("/api/v1/hives/objects/posts", "{\"title\":\"from b\"}").json().string("post_id");
        String gone = alice.post("/api/v1/hives/objects/posts", "{\"title\":\"short-lived\"}").json()
                .string("post_id");
        assertThat(alice.delete("/api/v1/posts/" + gone).status()).isEqualTo(204);
        Mesh.await("every change on the stream", () -> stream.events.stream().anyMatch(e -> e.event().equals("post_deleted"))
                && stream.titles().contains("from b"));

        JsonObject asRead = alice.get("/api/v1/posts/" + post).json();
        Sse created = only(stream, "post_created", post);
        assertThat(created.data().string("object_type")).isEqualTo("post");
        assertThat(created.data().object("object").string("post_id")).isEqualTo(post);
        assertThat(created.data().object("object").string("title")).isEqualTo("first");
        assertThat(created.data().object("object").object("author").string("name")).isEqualTo("alice");
        assertThat(created.data().object("payload").string("title")).as("the raw event stays").isEqualTo("first");
        Sse commented = only(stream, "comment_created", comment);
        assertThat(commented.data().string("object_type")).isEqualTo("comment");
        assertThat(commented.data().object("object").string("post_id")).isEqualTo(post);
        assertThat(commented.data().object("object").string("content")).isEqualTo("welcome");
        Sse voted = stream.events.stream().filter(e -> e.event().equals("vote_cast")).findFirst().orElseThrow();
        assertThat(voted.data().string("object_type")).isEqualTo("post");
        assertThat(voted.data().object("object").number("score")).isEqualTo(asRead.number("score")).isEqualTo(1.0);
        Sse joined = stream.events.stream().filter(e -> e.event().equals("membership_changed")).findFirst().orElseThrow();
        assertThat(joined.data().string("object_type")).isEqualTo("hive");
        assertThat(joined.data().object("object").string("name")).isEqualTo("objects");
        assertThat(joined.data().object("object").object("members").canonical()).contains(alice.agentId());
        Sse recorded = only(stream, "decision_recorded", decision);
        assertThat(recorded.data().string("object_type")).isEqualTo("decision");
        assertThat(recorded.data().object("object").string("choice")).isEqualTo("pg");
        Sse fromB = only(stream, "post_created", synced);
        assertThat(fromB.data().object("object").string("origin_instance_id")).isEqualTo(b.instanceId());
        Sse deleted = stream.events.stream().filter(e -> e.event().equals("post_deleted")).findFirst().orElseThrow();
        assertThat(deleted.data().string("object_type")).isEqualTo("post");
        assertThat(deleted.data().get("object")).as("a deleted post reads as gone, as GET answers 404")
                .contains(JsonValue.NULL);
    }

    /** The one event of this type whose object has this ID. */
    private static Sse only(Reader stream, String type, String id) {
        List<Sse> found = stream.events.stream().filter(e -> e.event().equals(type)
                && e.data().get("object").filter(o -> o instanceof JsonObject && o.canonical().contains("\"" + id + "\""))
                .isPresent()).toList();
        assertThat(found).as(type + " about " + id).hasSize(1);
        return found.get(0);
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileTheIntakeAndTheOtherClientsGoOn() throws Exception {
        Node a = mesh.node("a", Map.of("stream_buffer_events", "4"));
        Client alice = a.agent("alice");
        alice.post("/api/v1/hives", "{\"name\":\"busy\",\"description\":\"\"}");
        Reader reading = new Reader(a, alice.session(), "busy", null);
        // A client that asks for the stream and never reads a byte of it, with a tiny receive window.
        Socket stalled = new Socket();
        stalled.setReceiveBufferSize(1024);
        stalled.connect(new InetSocketAddress("127.0.0.1", a.port));
        open.add(stalled);
        OutputStream request = stalled.getOutputStream();
        request.write(("GET /api/v1/hives/busy/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + alice.session() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        request.flush();
        Mesh.await("both clients connected", () -> metric(a, "hivemesh_stream_clients") == 2);

        String big = "x".repeat(39_000);
        int posts = 150;
        long started = System.nanoTime();
        for (int i = 0; i < posts; i++) {
            assertThat(alice.post("/api/v1/hives/busy/posts", "{\"title\":\"big " + i + "\",\"content\":\"" + big + "\"}")
                    .status()).isEqualTo(201);
        }
        Duration writing = Duration.ofNanos(System.nanoTime() - started);

        Mesh.await("the reading client got every post", () -> reading.titles().size() == posts);
        Mesh.await("the stalled client dropped", () -> metric(a, "hivemesh_stream_dropped_total") >= 1
                && metric(a, "hivemesh_stream_clients") == 1);
        assertThat(reading.titles()).containsExactlyElementsOf(java.util.stream.IntStream.range(0, posts)
                .mapToObj(i -> "big " + i).toList());
        assertThat(writing).as("posting while a client stalls").isLessThan(Mesh.PATIENCE);
    }
}
