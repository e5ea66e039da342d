package org.hivemesh.domain.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SyncEndpointTest {
    @Test
    void everySpellingOfAnAddressBecomesOne() {
        assertThat(SyncEndpoint.of("http://10.0.0.2:7070").value()).isEqualTo("http://10.0.0.2:7070/sync/v1");
        assertThat(SyncEndpoint.of(" https://a.example/ ").value()).isEqualTo("https://a.example/sync/v1");
        assertThat(SyncEndpoint.of("http://a:1/sync/v1//")).isEqualTo(SyncEndpoint.of("http://a:1"));
        assertThat(SyncEndpoint.of("http://a:1/prefix").value()).isEqualTo("http://a:1/prefix/sync/v1");
    }

    @Test
    void theBaseAndAuthorityComeBackOut() {
        SyncEndpoint endpoint = SyncEndpoint.of("http://10.0.0.2:7070");

        assertThat(endpoint.base()).isEqualTo("http://10.0.0.2:7070");
        assertThat(endpoint.authority()).isEqualTo("10.0.0.2:7070");
    }

    @Test
    void aClientHasNoAddress() {
        SyncEndpoint client = SyncEndpoint.client("inst_a");

        assertThat(client.isClient()).isTrue();
        assertThat(SyncEndpoint.isClient(client.value())).isTrue();
        assertThat(SyncEndpoint.of("http://x").isClient()).isFalse();
        assertThatThrownBy(client::base).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void whatIsNotAnHttpUrlIsRefused() {
        assertThatThrownBy(() -> SyncEndpoint.of("ftp://x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncEndpoint.of("10.0.0.2:7070")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncEndpoint.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncEndpoint.of("http:// bad")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncEndpoint("http://x")).isInstanceOf(IllegalArgumentException.class);
    }
}
