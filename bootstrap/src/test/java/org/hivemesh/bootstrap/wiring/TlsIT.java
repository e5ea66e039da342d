package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hivemesh.bootstrap.config.TestCertificates;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.Test;

/** Instances serving HTTPS on loopback, with self-signed certificates made as the README shows. */
class TlsIT {
    private static Map<String, String> https(TestCertificates own, Path peerCa) {
        return Map.of("tls_cert", own.cert().toString(), "tls_key", own.key().toString(), "peer_ca", peerCa.toString());
    }

    @Test
    void twoHttpsInstancesThatTrustEachOthersCertificateShareAHive() throws Exception {
        Path dir = Files.createTempDirectory("hivemesh-tls");
        TestCertificates certA = TestCertificates.selfSigned(dir, "a", "ec");
        TestCertificates certB = TestCertificates.selfSigned(dir, "b", "rsa");
        try (Mesh mesh = new Mesh()) {
            Node a = mesh.node("a", https(certA, certB.cert()));
            Node b = mesh.node("b", https(certB, certA.cert()));
            assertThat(a.admin().send("GET", "/.well-known/hivemesh.json", null, null).json().string("sync_endpoint"))
                    .isEqualTo("https://127.0.0.1:" + a.port + "/sync/v1");

            String group = a.createSyncedHive("tls");
            b.join(a, "tls");
            a.agent("alice").post("/api/v1/hives/tls/posts", "{\"title\":\"from a\"}");
            b.agent("bob").post("/api/v1/hives/tls/posts", "{\"title\":\"from b\"}");

            Mesh.await("both instances hold both posts", () -> a.eventCount(group) == 4 && b.eventCount(group) == 4);
            Mesh.await("one digest", () -> a.digest(group).equals(b.digest(group)));
        }
    }

    @Test
    void anInstanceWhoseCertificateIsNotTrustedIsAFailingPeerAndNothingSyncs() throws Exception {
        Path dir = Files.createTempDirectory("hivemesh-tls");
        TestCertificates certA = TestCertificates.selfSigned(dir, "a", "ec");
        TestCertificates certC = TestCertificates.selfSigned(dir, "c", "ec");
        try (Mesh mesh = new Mesh()) {
            Node a = mesh.node("a", https(certA, certC.cert()));
            // C trusts only itself (and the JDK's public CAs), not A's self-signed certificate.
            Node c = mesh.node("c", https(certC, certC.cert()));
            a.createSyncedHive("tls");
            a.agent("alice").post("/api/v1/hives/tls/posts", "{\"title\":\"stays on a\"}");

            Client.Reply added = c.adminCall("POST", "/api/v1/sync/peers",
                    "{\"name\":\"a\",\"sync_endpoint\":\"" + a.base() + "\",\"shared_hives\":[\"tls\"]}");
            assertThat(added.status()).isEqualTo(201);
            Mesh.await("C records A as failing", () -> failures(c) >= 2);
            JsonObject peer = (JsonObject) Node.array(c.adminCall("GET", "/api/v1/sync/peers", null).json(), "data").items().get(0);
            assertThat(peer.string("last_error")).contains("PKIX");
            Client.Reply join = c.adminCall("POST", "/api/v1/sync/groups/join",
                    "{\"peer_endpoint\":\"" + a.base() + "\",\"hive_name\":\"tls\"}");
            assertThat(join.status()).isEqualTo(409);
            assertThat(join.json().object("error").string("code")).isEqualTo("peer_unreachable");

            assertThat(Node.array(c.adminCall("GET", "/api/v1/sync/groups", null).json(), "data").items()).isEmpty();
            assertThat(c.agent("carol").get("/api/v1/hives/tls").status()).isEqualTo(404);
            assertThat(Node.array(a.adminCall("GET", "/api/v1/sync/peers", null).json(), "data").items()).isEmpty();
        }
    }

    private static long failures(Node node) {
        return Node.array(node.adminCall("GET", "/api/v1/sync/peers", null).json(), "data").items().stream()
                .mapToLong(p -> (long) ((JsonObject) p).number("consecutive_failures")).max().orElse(0);
    }
}
