package org.hivemesh.bootstrap.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.domain.consent.OversightBy;

/**
 * Merges configuration in rising precedence: {@code hivemesh.yaml}, then {@code HIVEMESH_*} environment
 * variables, then command-line flags. Keys are snake_case (port, data_dir, db, jdbc_url, ...).
 */
public final class ConfigLoader {
    static final Set<String> KEYS = Set.of("data_dir", "host", "port", "db", "jdbc_url", "db_user", "db_password",
            "db_pool_size", "admin_token", "max_body_bytes", "public_url", "heartbeat_interval", "peer_timeout",
            "sync_backoff_min", "sync_backoff_max", "pull_page", "push_batch", "inbound_rate", "discovery", "hub_url", "hub_key",
            "hub_role", "hub_stale_timeout", "gossip", "gossip_default_ttl", "gossip_hub_peer_ttl", "max_gossip_peers",
            "gossip_max_failures", "consent_prune_after", "oversight_on_join", "oversight_max_deletes",
            "oversight_on_moderation", "oversight_on_contradiction", "oversight_by", "max_clock_ahead", "peer_request_max_age",
            "sync_token_ttl", "max_peers_per_group", "handshake_rate", "login_failures", "max_sessions_per_agent",
            "max_deferred_per_peer", "sync_allow_cidrs", "tls_cert", "tls_key", "peer_ca", "log_level", "log_format",
            "alert_webhook", "alert_lag_events", "stream_buffer_events", "owner_silence_limit");

    private ConfigLoader() {
    }

    public static HivemeshConfig load(Optional<Path> file, Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> merged = new HashMap<>();
        List<HivemeshConfig.StaticPeer> peers = new ArrayList<>();
        file.ifPresent(f -> merged.putAll(readYaml(f, peers)));
        environment.forEach((name, value) -> {
            if (name.startsWith("HIVEMESH_")) {
                String key = name.substring("HIVEMESH_".length()).toLowerCase(Locale.ROOT);
                if (KEYS.contains(key)) {
                    merged.put(key, value);
                }
            }
        });
        merged.putAll(flags);
        return new HivemeshConfig(
                Path.of(merged.getOrDefault("data_dir", "./data")),
                merged.getOrDefault("host", "127.0.0.1"),
                integer(merged, "port", 7070),
                database(merged.getOrDefault("db", "sqlite")),
                optional(merged, "jdbc_url"),
                optional(merged, "db_user"),
                optional(merged, "db_password"),
                integer(merged, "db_pool_size", 10),
                optional(merged, "admin_token"),
                integer(merged, "max_body_bytes", 1024 * 1024),
                optional(merged, "public_url"),
                new HivemeshConfig.Sync(duration(merged, "heartbeat_interval", "30s"), duration(merged, "peer_timeout", "5m"),
                        duration(merged, "sync_backoff_min", "1s"), duration(merged, "sync_backoff_max", "60s"),
                        integer(merged, "pull_page", 500), integer(merged, "push_batch", 200),
                        integer(merged, "inbound_rate", 200)),
                peers,
                new HivemeshConfig.Discovery(merged.getOrDefault("discovery", "manual"), optional(merged, "hub_url"),
                        optional(merged, "hub_key"), Boolean.parseBoolean(merged.getOrDefault("hub_role", "false")),
                        duration(merged, "hub_stale_timeout", "90s"),
                        Boolean.parseBoolean(merged.getOrDefault("gossip", "true")), integer(merged, "gossip_default_ttl", 2),
                        integer(merged, "gossip_hub_peer_ttl", 1), integer(merged, "max_gossip_peers", 50),
                        integer(merged, "gossip_max_failures", 3)),
                new HivemeshConfig.Consent(duration(merged, "consent_prune_after", "4h"),
                        Boolean.parseBoolean(merged.getOrDefault("oversight_on_join", "false")),
                        integer(merged, "oversight_max_deletes", Integer.MAX_VALUE),
                        Boolean.parseBoolean(merged.getOrDefault("oversight_on_moderation", "false")),
                        Boolean.parseBoolean(merged.getOrDefault("oversight_on_contradiction", "false")),
                        OversightBy.fromWire(merged.getOrDefault("oversight_by", "admin")),
                        duration(merged, "owner_silence_limit", "30d")),
                new HivemeshConfig.Trust(duration(merged, "max_clock_ahead", "60s"),
                        duration(merged, "peer_request_max_age", "300s"), duration(merged, "sync_token_ttl", "30d"),
                        integer(merged, "max_peers_per_group", 100), integer(merged, "handshake_rate", 60),
                        integer(merged, "login_failures", 10), integer(merged, "max_sessions_per_agent", 50),
                        integer(merged, "max_deferred_per_peer", 1000), list(merged, "sync_allow_cidrs")),
                new HivemeshConfig.Tls(optional(merged, "tls_cert").map(Path::of), optional(merged, "tls_key").map(Path::of),
                        optional(merged, "peer_ca").map(Path::of)),
                Logging.Settings.parse(merged.getOrDefault("log_level", "info"), merged.getOrDefault("log_format", "text")),
                new HivemeshConfig.Alerts(optional(merged, "alert_webhook").map(ConfigLoader::uri),
                        integer(merged, "alert_lag_events", 1000)),
                integer(merged, "stream_buffer_events", 1000));
    }

    /** A comma-separated list, e.g. {@code 10.0.0.0/8, 192.168.1.0/24}. */
    private static List<String> list(Map<String, String> values, String key) {
        return optional(values, key).map(v -> java.util.Arrays.stream(v.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    /** {@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h} or {@code 30d}. */
    static Duration duration(Map<String, String> values, String key, String fallback) {
        String value = values.getOrDefault(key, fallback).trim();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " must look like 250ms, 2s, 5m, 1h or 30d, got '" + value + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static Map<String, String> readYaml(Path file, List<HivemeshConfig.StaticPeer> peers) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
            Map<String, String> values = new HashMap<>();
            if (root == null || root.isMissingNode() || root.isNull()) {
                return values;
            }
            if (!root.isObject()) {
                throw new IllegalArgumentException(file + ": expected a mapping of settings");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("peers")) {
                    peers.addAll(staticPeers(file, field.getValue()));
                    continue;
                }
                if (!KEYS.contains(field.getKey())) {
                    throw new IllegalArgumentException(file + ": unknown setting '" + field.getKey() + "'; known: " + KEYS);
                }
                values.put(field.getKey(), field.getValue().asText());
            }
            return values;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<HivemeshConfig.StaticPeer> staticPeers(Path file, JsonNode list) {
        if (!list.isArray()) {
            throw new IllegalArgumentException(file + ": peers must be a list of {name, sync_endpoint, shared_hives}");
        }
        List<HivemeshConfig.StaticPeer> peers = new ArrayList<>();
        for (JsonNode peer : list) {
            JsonNode name = peer.get("name");
            JsonNode endpoint = peer.get("sync_endpoint");
            JsonNode hives = peer.get("shared_hives");
            if (name == null || endpoint == null || (hives != null && !hives.isArray())) {
                throw new IllegalArgumentException(file + ": each peer needs name and sync_endpoint; shared_hives is a list");
            }
            List<String> shared = new ArrayList<>();
            if (hives != null) {
                hives.forEach(h -> shared.add(h.asText()));
            }
            peers.add(new HivemeshConfig.StaticPeer(name.asText(), endpoint.asText(), shared));
        }
        return peers;
    }

    private static URI uri(String value) {
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new IllegalArgumentException("alert_webhook must be an http(s) URL, got '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("alert_webhook must be an http(s) URL, got '" + value + "'", e);
        }
    }

    private static Optional<String> optional(Map<String, String> values, String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    private static int integer(Map<String, String> values, String key, int fallback) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + value + "'");
        }
    }

    private static HivemeshConfig.Database database(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "sqlite" -> HivemeshConfig.Database.SQLITE;
            case "postgres", "postgresql" -> HivemeshConfig.Database.POSTGRES;
            default -> throw new IllegalArgumentException("db must be sqlite or postgres, got '" + value + "'");
        };
    }
}
