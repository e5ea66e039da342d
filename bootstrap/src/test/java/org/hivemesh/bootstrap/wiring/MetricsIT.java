package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hivemesh.adapters.peers.transport.SyncWorkers;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What an operator watching /metrics, the peer list and the log sees when a peer goes away and comes back, and
 * that the shipped alert rules are valid and name only metrics an instance exports.
 */
class MetricsIT {
    private final Mesh mesh = new Mesh();
    private final Logger workersLog = (Logger) LoggerFactory.getLogger(SyncWorkers.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void watchTheLog() {
        levelBefore = workersLog.getLevel();
        workersLog.setLevel(Level.INFO);
        logged.start();
        workersLog.addAppender(logged);
    }

    @AfterEach
    void stop() {
        workersLog.detachAppender(logged);
        workersLog.setLevel(levelBefore);
        mesh.close();
    }

    private boolean logged(Level level, String... parts) {
        return logged.list.stream().anyMatch(e -> e.getLevel() == level && Set.of(parts).stream()
                .allMatch(e.getFormattedMessage()::contains));
    }

    @Test
    void aPeerThatGoesAwayIsCountedLoggedAndScheduledAndItsReturnIsSeen() throws Exception {
        // A backoff of seconds keeps a pending retry visible long enough to read it.
        Node a = mesh.node("a", Map.of("sync_backoff_min", "3s", "sync_backoff_max", "6s"));
        Node b = mesh.node("b", Map.of());
        String group = a.createSyncedHive("watched");
        b.join(a, "watched");
        a.agent("alice").post("/api/v1/hives/watched/posts", "{\"title\":\"counted\"}");
        Mesh.awaitConvergence(group, a, b);
        String peerB = a.peerEntry(b).string("id");
        String bInstance = b.instanceId();
        Mesh.await("a's first successful round with b", () -> !a.peerEntry(b).get("last_success_at").orElseThrow()
                .equals(JsonValue.NULL));
        assertThat(a.peerEntry(b).required("next_retry_at")).isEqualTo(JsonValue.NULL);

        // The post reaches b by a's push or by b's pull, whichever runs first: count both sides.
        double pulledByB = new PrometheusText(b.admin().send("GET", "/metrics", null, null).body())
                .samples("hivemesh_sync_events_pulled_total").stream().filter(s -> group.equals(s.labels().get("group")))
                .mapToDouble(PrometheusText.Sample::value).sum();
        b.stop();
        JsonObject failing = Mesh.awaitValue("a retry of b scheduled", Mesh.PATIENCE, () -> a.peerEntry(bInstance),
                p -> p.number("consecutive_failures") >= 1 && p.required("next_retry_at") instanceof JsonValue.JsonString);

        assertThat(Instant.parse(failing.string("next_retry_at"))).isAfter(Instant.parse(failing.string("last_success_at")));
        Mesh.await("a WARN line naming b and the group", () -> logged(Level.WARN, peerB, "group watched (" + group + ")",
                "failed"));
        String scrape = a.admin().send("GET", "/metrics", null, null).body();
        PrometheusText metrics = new PrometheusText(scrape);
        assertThat(metrics.problems()).isEmpty();
        assertThat(metrics.samples("hivemesh_sync_events_pushed_total")).anySatisfy(s ->
                assertThat(s.labels()).containsEntry("peer", peerB).containsEntry("group", group)
                        .containsEntry("hive", "watched"));
        double pushedToB = metrics.samples("hivemesh_sync_events_pushed_total").stream()
                .filter(s -> peerB.equals(s.labels().get("peer"))).mapToDouble(PrometheusText.Sample::value).sum();
        assertThat(pushedToB + pulledByB).as("the post, counted where it moved").isGreaterThanOrEqualTo(1);
        assertThat(metrics.samples("hivemesh_sync_events_pulled_total")).anySatisfy(s ->
                assertThat(s.labels()).containsEntry("peer", peerB).containsEntry("group", group));
        assertThat(metrics.samples("hivemesh_sync_failures_total")).anySatisfy(s -> {
            assertThat(s.labels()).containsEntry("peer", peerB).containsEntry("group", group);
            assertThat(s.labels().get("step")).isIn("push", "pull");
        });
        assertThat(metrics.samples("hivemesh_sync_retries_total")).anySatisfy(s ->
                assertThat(s.labels()).containsEntry("peer", peerB));
        assertThat(metrics.samples("hivemesh_sync_peer_status")).anySatisfy(s -> {
            assertThat(s.labels()).containsEntry("peer", peerB).containsEntry("status", "active");
            assertThat(s.labels()).containsEntry("peer_name", failing.string("name"));
        });
        assertThat(metrics.samples("hivemesh_sync_peer_seconds_since_success")).anySatisfy(s ->
                assertThat(s.labels()).containsEntry("peer", peerB));
        assertThat(metrics.samples("hivemesh_http_request_duration_seconds_bucket")).anySatisfy(s -> {
            assertThat(s.labels()).containsEntry("route", "/api/v1/sync/groups/{id}").containsEntry("method", "GET");
            assertThat(s.labels()).containsKey("le");
        });
        assertThat(metrics.samples("hivemesh_http_requests_total")).allSatisfy(s ->
                assertThat(s.labels().get("route")).doesNotContain(group).isNotEqualTo("*"));
        assertThat(metrics.families.keySet()).contains("jvm_gc_memory_allocated_bytes_total", "jvm_memory_used_bytes",
                "process_cpu_usage", "process_cpu_seconds_total", "process_uptime_seconds", "process_start_time_seconds", "disk_free_bytes",
                "disk_total_bytes", "hivemesh_sync_peer_lag");
        PrometheusText.Promtool lint = PrometheusText.promtool(scrape, "check", "metrics");
        assertThat(lint.output()).isEmpty();
        assertThat(lint.exitCode()).isZero();

        b.start();
        // b's own pushes mark it active here before a's retry comes round: wait for a round of a's that succeeded.
        Instant before = Instant.parse(failing.string("last_success_at"));
        JsonObject back = Mesh.awaitValue("a round of a's with b succeeding again", Mesh.PATIENCE, () -> a.peerEntry(b),
                p -> p.required("last_success_at") instanceof JsonValue.JsonString
                        && Instant.parse(p.string("last_success_at")).isAfter(before));
        assertThat(back.number("consecutive_failures")).isZero();
        assertThat(back.string("status")).isEqualTo("active");
        assertThat(back.required("next_retry_at")).isEqualTo(JsonValue.NULL);
        Mesh.await("an INFO line saying b recovered", () -> logged(Level.INFO, peerB, "recovered after"));
    }

    @Test
    void theShippedAlertRulesAreValidFireOnTheirTestSeriesAndNameOnlyExportedMetrics() throws Exception {
        Node a = mesh.node("a", Map.of());
        Node b = mesh.node("b", Map.of());
        String group = a.createSyncedHive("alerting");
        b.join(a, "alerting");
        Mesh.awaitConvergence(group, a, b);
        Mesh.await("a's peer gauges for b", () -> a.admin().send("GET", "/metrics", null, null).body()
                .contains("hivemesh_sync_peer_seconds_since_success{"));
        PrometheusText metrics = new PrometheusText(a.admin().send("GET", "/metrics", null, null).body());

        PrometheusText.Promtool check = PrometheusText.promtool(null, "check", "rules",
                PrometheusText.docs().resolve("prometheus/alerts.yml").toString());
        PrometheusText.Promtool test = PrometheusText.promtool(null, "test", "rules",
                PrometheusText.docs().resolve("prometheus/alerts_test.yml").toString());

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 6 rules found");
        assertThat(test.exitCode()).as(test.output()).isZero();
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("expr: (.*)").matcher(Files.readString(PrometheusText.docs().resolve("prometheus/alerts.yml")));
        while (m.find()) {
            Matcher metric = Pattern.compile("\\b((?:hivemesh|disk|process|jvm)_[a-z_]+)").matcher(m.group(1));
            while (metric.find()) {
                named.add(metric.group(1));
            }
        }
        assertThat(named).contains("hivemesh_sync_peer_status", "hivemesh_sync_peer_lag", "disk_free_bytes");
        assertThat(named).allSatisfy(name -> assertThat(metrics.samples(name)).as(name).isNotEmpty());
    }

    @Test
    void theAlertWebhookHearsOfLagPastTheThresholdAndOfAPeerEnteringError() throws Exception {
        List<JsonObject> alerts = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/alerts", exchange -> {
            alerts.add(Json.parseObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Node a = mesh.node("a", Map.of("alert_webhook", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts",
                    "alert_lag_events", "2"));
            Node b = mesh.node("b", Map.of());
            String group = a.createSyncedHive("paged");
            b.join(a, "paged");
            Mesh.awaitConvergence(group, a, b);
            String peerB = a.peerEntry(b).string("id");
            b.stop();
            for (int i = 0; i < 3; i++) {
                a.agent("alice").post("/api/v1/hives/paged/posts", "{\"title\":\"unseen " + i + "\"}");
            }

            Mesh.await("a lag alert for b", () -> alerts.stream().anyMatch(x -> x.string("alert").equals("sync_lag")));
            Mesh.await("an error alert for b", () -> alerts.stream().anyMatch(x -> x.string("alert").equals("peer_error")));
            assertThat(alerts).filteredOn(x -> x.string("alert").equals("sync_lag")).singleElement().satisfies(x -> {
                assertThat(x.string("peer_id")).isEqualTo(peerB);
                assertThat(x.string("group_id")).isEqualTo(group);
                assertThat(x.string("hive")).isEqualTo("paged");
                assertThat(x.number("lag")).isGreaterThan(2);
                assertThat(x.number("threshold")).isEqualTo(2);
                assertThat(x.string("instance_id")).isEqualTo(a.instanceId());
            });
            assertThat(alerts).filteredOn(x -> x.string("alert").equals("peer_error")).singleElement().satisfies(x -> {
                assertThat(x.string("peer_id")).isEqualTo(peerB);
                assertThat(x.string("last_error")).isNotBlank();
                assertThat(Instant.parse(x.string("at"))).isBefore(Instant.now().plusSeconds(1));
            });
        } finally {
            receiver.stop(0);
        }
    }
}
