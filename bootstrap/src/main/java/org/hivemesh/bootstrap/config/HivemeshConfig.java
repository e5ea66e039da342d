package org.hivemesh.bootstrap.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hivemesh.domain.consent.OversightBy;

/** Everything an instance is configured with, after file, environment and flags are merged. */
public record HivemeshConfig(Path dataDir, String host, int port, Database db, Optional<String> jdbcUrl,
                             Optional<String> dbUser, Optional<String> dbPassword, int dbPoolSize,
                             Optional<String> adminToken, long maxBodyBytes, Optional<String> publicUrl,
                             Sync sync, List<StaticPeer> peers, Discovery discovery, Consent consent, Trust trust, Tls tls,
                             Logging.Settings logging, Alerts alerts, int streamBuffer) {

    /**
     * Bounds on what peers and strangers can make this instance store or do: how far a clock may run ahead, how old a
     * signed peer request may be, how long sync tokens last, peers per open group, handshakes and failed logins per
     * minute and source address, live sessions per agent, events held for their clock per peer and group, and the
     * networks allowed to reach /sync/v1 (empty: any).
     */
    public record Trust(Duration maxClockAhead, Duration peerRequestMaxAge, Duration syncTokenTtl, int maxPeersPerGroup,
                        int handshakeRate, int loginFailures, int maxSessionsPerAgent, int maxDeferredPerPeer,
                        List<String> syncAllowCidrs) {
        public Trust {
            syncAllowCidrs = List.copyOf(syncAllowCidrs);
            for (Duration d : List.of(maxClockAhead, peerRequestMaxAge, syncTokenTtl)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("max_clock_ahead, peer_request_max_age and sync_token_ttl must be positive");
                }
            }
            if (maxPeersPerGroup < 1 || handshakeRate < 1 || loginFailures < 1 || maxSessionsPerAgent < 1
                    || maxDeferredPerPeer < 0) {
                throw new IllegalArgumentException("max_peers_per_group, handshake_rate, login_failures and "
                        + "max_sessions_per_agent must be at least 1, max_deferred_per_peer at least 0");
            }
        }
    }

    /**
     * TLS from PEM files: {@code cert} (the chain, leaf first) and {@code key} (PKCS#8) turn the listener to HTTPS;
     * {@code peerCa} holds CA certificates that peer calls trust on top of the JDK's own.
     */
    public record Tls(Optional<Path> cert, Optional<Path> key, Optional<Path> peerCa) {
        public Tls {
            if (cert.isPresent() != key.isPresent()) {
                throw new IllegalArgumentException("tls_cert and tls_key go together: set both for HTTPS, or neither");
            }
        }

        public boolean listens() {
            return cert.isPresent();
        }
    }

    /**
     * {@code webhook}: where a JSON alert is POSTed when a peer enters error or a peer's lag in a group passes
     * {@code lagEvents}; empty sends none.
     */
    public record Alerts(Optional<URI> webhook, int lagEvents) {
        public Alerts {
            if (lagEvents < 1) {
                throw new IllegalArgumentException("alert_lag_events must be at least 1");
            }
        }
    }

    /**
     * Governed groups: how long a roster member may stay silent before it is pruned, the oversight policy a group
     * created here starts with (each group then has its own), and how long the owner instance may be silent before the
     * roster claims succession.
     */
    public record Consent(Duration pruneAfter, boolean oversightOnJoin, int oversightMaxDeletes,
                          boolean oversightOnModeration, boolean oversightOnContradiction,
                          OversightBy oversightBy, Duration ownerSilenceLimit) {
    }

    /**
     * {@code mode}: manual, hub or both (hub needs {@code hubUrl} and {@code hubKey}); {@code hubRole} serves the hub
     * endpoints here. Gossip settings follow seed 3.14.
     */
    public record Discovery(String mode, java.util.Optional<String> hubUrl, java.util.Optional<String> hubKey,
                            boolean hubRole, Duration hubStaleTimeout, boolean gossip, int defaultTtl, int hubPeerTtl,
                            int maxGossipPeers, int maxFailures) {
        public Discovery {
            if (!List.of("manual", "hub", "both").contains(mode)) {
                throw new IllegalArgumentException("discovery must be manual, hub or both, got '" + mode + "'");
            }
            if (!mode.equals("manual") && (hubUrl.isEmpty() || hubKey.isEmpty())) {
                throw new IllegalArgumentException("discovery " + mode + " needs hub_url and hub_key");
            }
        }

        public boolean usesHub() {
            return !mode.equals("manual");
        }
    }

    /** A peer listed in hivemesh.yaml: added at start unless a peer with that endpoint exists. */
    public record StaticPeer(String name, String syncEndpoint, List<String> sharedHives) {
        public StaticPeer {
            sharedHives = List.copyOf(sharedHives);
        }
    }

    /** Timing of mesh sync: heartbeats, when a silent peer counts as unreachable, retry backoff, page sizes. */
    public record Sync(Duration heartbeatInterval, Duration peerTimeout, Duration backoffMin, Duration backoffMax,
                       int pullPage, int pushBatch, int inboundRate) {
        public Sync {
            if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
                throw new IllegalArgumentException("heartbeat_interval must be positive");
            }
            if (backoffMax.compareTo(backoffMin) < 0) {
                throw new IllegalArgumentException("sync_backoff_max must not be below sync_backoff_min");
            }
            if (pullPage < 1 || pullPage > 1000 || pushBatch < 1 || pushBatch > 1000) {
                throw new IllegalArgumentException("pull_page and push_batch must be between 1 and 1000");
            }
            if (inboundRate < 1) {
                throw new IllegalArgumentException("inbound_rate must be at least 1 request per second");
            }
        }
    }

    public enum Database { SQLITE, POSTGRES }

    public HivemeshConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if (db == Database.POSTGRES && jdbcUrl.isEmpty()) {
            throw new IllegalArgumentException("--db postgres needs --jdbc-url (or HIVEMESH_JDBC_URL / jdbc_url in hivemesh.yaml)");
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("max_body_bytes must be at least 1024");
        }
        if (streamBuffer < 1) {
            throw new IllegalArgumentException("stream_buffer_events must be at least 1");
        }
        if (dbPoolSize < 1) {
            throw new IllegalArgumentException("db_pool_size must be at least 1");
        }
    }

    /** Where peers and clients reach this instance; the bound address unless configured. */
    public String baseUrl(int boundPort) {
        return publicUrl.orElse((tls.listens() ? "https://" : "http://") + ("0.0.0.0".equals(host) ? "127.0.0.1" : host)
                + ":" + boundPort);
    }
}
