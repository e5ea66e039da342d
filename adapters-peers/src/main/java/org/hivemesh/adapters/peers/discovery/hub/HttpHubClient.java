package org.hivemesh.adapters.peers.discovery.hub;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.hivemesh.adapters.peers.transport.HttpPeerTransport;
import org.hivemesh.application.discovery.port.out.HubClient;
import org.hivemesh.application.hub.port.in.HubUseCases;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** A hub's /api/v1/map endpoints over HTTP, with the same error mapping as the peer transport. */
public final class HttpHubClient implements HubClient {
    private final HttpPeerTransport http;

    public HttpHubClient(HttpPeerTransport http) {
        this.http = http;
    }

    @Override
    public HubUseCases.Registered register(String hubUrl, String registrationKey, HubUseCases.RegisterSwarm request) {
        JsonObject reply = http.call("POST", hubUrl + "/api/v1/map/swarms", registrationKey, JsonObject.builder()
                .put("name", request.name()).put("instance_id", request.instanceId())
                .put("signing_key", request.signingKey()).put("sync_endpoint", request.syncEndpoint())
                .putArray("capabilities", request.capabilities().stream().map(JsonValue::of).toList()).build());
        return new HubUseCases.Registered(reply.string("swarm_id"), reply.string("token"));
    }

    @Override
    public void heartbeat(String hubUrl, String swarmId, String token) {
        http.call("POST", hubUrl + "/api/v1/map/swarms/" + swarmId + "/heartbeat", token, JsonObject.builder().build());
    }

    @Override
    public void joinHive(String hubUrl, String swarmId, String token, String hiveName) {
        http.call("POST", hubUrl + "/api/v1/map/swarms/" + swarmId + "/hives", token,
                JsonObject.builder().put("hive_name", hiveName).build());
    }

    @Override
    public Peers peers(String hubUrl, String swarmId, String token, OptionalLong seenVersion, Duration wait) {
        String query = seenVersion.isEmpty() ? "" : "?version=" + seenVersion.getAsLong() + "&wait=" + wait.toSeconds();
        JsonObject reply = http.call("GET", hubUrl + "/api/v1/map/peers/" + swarmId + query, token, null);
        List<HubUseCases.SwarmPeer> peers = new ArrayList<>();
        for (JsonValue item : ((JsonValue.JsonArray) reply.required("data")).items()) {
            JsonObject p = (JsonObject) item;
            peers.add(new HubUseCases.SwarmPeer(p.string("swarm_id"), p.string("name"), p.string("instance_id"),
                    p.string("signing_key"), p.string("sync_endpoint"),
                    ((JsonValue.JsonArray) p.required("shared_hives")).items().stream()
                            .map(h -> ((JsonValue.JsonString) h).value()).toList(),
                    p.string("status").equals("stale"), Instant.parse(p.string("last_heartbeat"))));
        }
        OptionalLong version = reply.get("version").filter(JsonValue.JsonNumber.class::isInstance)
                .map(v -> OptionalLong.of(((JsonValue.JsonNumber) v).asLong())).orElse(OptionalLong.empty());
        return new Peers(peers, version);
    }
}
