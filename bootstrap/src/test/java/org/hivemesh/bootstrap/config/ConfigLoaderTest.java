package org.hivemesh.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("hivemesh.yaml"), "port: 8001\nhost: 0.0.0.0\ndata_dir: /srv/a\n");

        HivemeshConfig fileOnly = ConfigLoader.load(Optional.of(file), Map.of(), Map.of());
        HivemeshConfig withEnv = ConfigLoader.load(Optional.of(file), Map.of("HIVEMESH_PORT", "8002", "PATH", "/bin"), Map.of());
        HivemeshConfig withFlag = ConfigLoader.load(Optional.of(file), Map.of("HIVEMESH_PORT", "8002"), Map.of("port", "8003"));

        assertThat(fileOnly.port()).isEqualTo(8001);
        assertThat(withEnv.port()).isEqualTo(8002);
        assertThat(withFlag.port()).isEqualTo(8003);
        assertThat(withFlag.host()).isEqualTo("0.0.0.0");
        assertThat(withFlag.dataDir()).isEqualTo(Path.of("/srv/a"));
    }

    @Test
    void staticPeersAndSyncTimingsComeFromTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("peers.yaml"), String.join("\n",
                "heartbeat_interval: 2s",
                "peer_timeout: 1m",
                "peers:",
                "  - name: lab-a",
                "    sync_endpoint: http://10.0.0.1:7070",
                "    shared_hives: [ml-lab, ops]",
                ""));

        HivemeshConfig config = ConfigLoader.load(Optional.of(file), Map.of(), Map.of());

        assertThat(config.sync().heartbeatInterval()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(config.sync().peerTimeout()).isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(config.peers()).containsExactly(new HivemeshConfig.StaticPeer("lab-a", "http://10.0.0.1:7070",
                java.util.List.of("ml-lab", "ops")));
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("heartbeat_interval", "soon")))
                .hasMessageContaining("heartbeat_interval");
    }

    @Test
    void defaultsServeAnEmbeddedSqliteInstance() {
        HivemeshConfig config = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());

        assertThat(config.db()).isEqualTo(HivemeshConfig.Database.SQLITE);
        assertThat(config.port()).isEqualTo(7070);
        assertThat(config.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(config.baseUrl(7070)).isEqualTo("http://127.0.0.1:7070");
        assertThat(config.tls().listens()).isFalse();
        assertThat(config.tls().peerCa()).isEmpty();
    }

    @Test
    void tlsFilesComeFromTheFileOrTheEnvironmentAndMakeTheDefaultUrlHttps() throws IOException {
        Path file = Files.writeString(dir.resolve("tls.yaml"), "tls_cert: /etc/hivemesh/cert.pem\ntls_key: /etc/hivemesh/key.pem\n");

        HivemeshConfig fromFile = ConfigLoader.load(Optional.of(file), Map.of("HIVEMESH_PEER_CA", "/etc/hivemesh/peers.pem"),
                Map.of());
        HivemeshConfig fromEnv = ConfigLoader.load(Optional.empty(), Map.of("HIVEMESH_TLS_CERT", "c.pem",
                "HIVEMESH_TLS_KEY", "k.pem"), Map.of("public_url", "https://hive.example:8443"));

        assertThat(fromFile.tls()).isEqualTo(new HivemeshConfig.Tls(Optional.of(Path.of("/etc/hivemesh/cert.pem")),
                Optional.of(Path.of("/etc/hivemesh/key.pem")), Optional.of(Path.of("/etc/hivemesh/peers.pem"))));
        assertThat(fromFile.baseUrl(7443)).isEqualTo("https://127.0.0.1:7443");
        assertThat(fromEnv.tls().cert()).contains(Path.of("c.pem"));
        assertThat(fromEnv.baseUrl(7443)).isEqualTo("https://hive.example:8443");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("HIVEMESH_TLS_CERT", "c.pem"), Map.of()))
                .hasMessageContaining("tls_cert and tls_key go together");
    }

    @Test
    void mistakesAreReportedClearly() throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "prot: 1\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(typo), Map.of(), Map.of()))
                .hasMessageContaining("unknown setting 'prot'");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("port", "seventy")))
                .hasMessageContaining("port must be an integer");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("db", "postgres")))
                .hasMessageContaining("--jdbc-url");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("db", "mysql")))
                .hasMessageContaining("sqlite or postgres");
    }

    @Test
    void logAndAlertSettingsAreReadAndBadValuesNamed() {
        HivemeshConfig config = ConfigLoader.load(Optional.empty(), Map.of("HIVEMESH_LOG_FORMAT", "json",
                "HIVEMESH_LOG_LEVEL", "debug"), Map.of("alert_webhook", "https://pager.example/hook", "alert_lag_events", "50"));
        HivemeshConfig defaults = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());

        assertThat(config.logging()).isEqualTo(new Logging.Settings(ch.qos.logback.classic.Level.DEBUG, Logging.Format.JSON));
        assertThat(config.alerts().webhook()).contains(java.net.URI.create("https://pager.example/hook"));
        assertThat(config.alerts().lagEvents()).isEqualTo(50);
        assertThat(defaults.logging()).isEqualTo(Logging.Settings.DEFAULT);
        assertThat(defaults.alerts().webhook()).isEmpty();
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("log_format", "xml")))
                .hasMessage("log_format must be text or json, got 'xml'");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("log_level", "loud")))
                .hasMessageContaining("log_level must be");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("alert_webhook", "pager")))
                .hasMessageContaining("alert_webhook must be an http(s) URL");
    }
}
