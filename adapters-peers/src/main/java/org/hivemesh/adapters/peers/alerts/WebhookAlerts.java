package org.hivemesh.adapters.peers.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.hivemesh.application.sync.port.out.AlertSink;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each alert as one JSON object to the operator's webhook, asynchronously so that sync never waits for it; a
 * webhook that fails or answers non-2xx is a WARN line, the alert is not retried.
 */
public final class WebhookAlerts implements AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlerts.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI webhook;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public WebhookAlerts(URI webhook) {
        this.webhook = webhook;
    }

    @Override
    public void send(SyncAlert alert) {
        String body = json(alert).canonical();
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        LOG.warn("alert {}: peer {} ({}){}", alert.kind(), alert.peerName(), alert.peerId(),
                alert.hive().map(h -> " in " + h + ", lag " + alert.lag() + " > " + alert.threshold()).orElse(""));
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null) {
                LOG.warn("alert webhook {} failed: {}", webhook, error.toString());
            } else if (response.statusCode() / 100 != 2) {
                LOG.warn("alert webhook {} answered {}", webhook, response.statusCode());
            }
        });
    }

    static JsonObject json(SyncAlert alert) {
        JsonValue.Builder json = JsonObject.builder().put("alert", alert.kind()).put("instance_id", alert.instanceId())
                .put("peer_id", alert.peerId()).put("peer_name", alert.peerName())
                .putIfPresent("group_id", alert.groupId()).putIfPresent("hive", alert.hive());
        if (alert.hive().isPresent()) {
            json.put("lag", alert.lag()).put("threshold", alert.threshold());
        }
        return json.putIfPresent("last_error", alert.lastError()).put("at", alert.at().toString()).build();
    }
}
