package org.hivemesh.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
    @TempDir
    Path dir;

    private static TlsMaterial listening(Path cert, Path key) {
        return TlsMaterial.read(new HivemeshConfig.Tls(Optional.of(cert), Optional.of(key), Optional.empty()));
    }

    @Test
    void pkcs8EcAndRsaKeysAsOpensslWritesThemServeHttps() {
        TestCertificates ec = TestCertificates.selfSigned(dir, "ec", "ec");
        TestCertificates rsa = TestCertificates.selfSigned(dir, "rsa", "rsa");

        assertThat(listening(ec.cert(), ec.key()).listener()).isPresent();
        assertThat(listening(rsa.cert(), rsa.key()).listener()).isPresent();
        assertThat(TlsMaterial.privateKey(ec.key()).getAlgorithm()).isEqualTo("EC");
        assertThat(TlsMaterial.privateKey(rsa.key()).getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void withoutACertificateTheListenerStaysPlainHttp() {
        TlsMaterial plain = TlsMaterial.read(new HivemeshConfig.Tls(Optional.empty(), Optional.empty(), Optional.empty()));

        assertThat(plain.listener()).isEmpty();
        assertThat(plain.peers()).isNotNull();
    }

    @Test
    void traditionalAndEncryptedKeysAreRefusedWithTheCommandThatConvertsThem() {
        TestCertificates ec = TestCertificates.selfSigned(dir, "ec", "ec");
        TestCertificates rsa = TestCertificates.selfSigned(dir, "rsa", "rsa");

        for (Path traditional : List.of(ec.traditionalKey(), rsa.traditionalKey())) {
            assertThatThrownBy(() -> listening(ec.cert(), traditional))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("traditional (PKCS#1 / SEC1)")
                    .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + traditional);
        }
        assertThatThrownBy(() -> listening(rsa.cert(), rsa.encryptedKey()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is encrypted");
    }

    @Test
    void aKeyOfAnotherCertificateOrAFileThatIsNoPemIsRefused() throws Exception {
        TestCertificates a = TestCertificates.selfSigned(dir, "a", "ec");
        TestCertificates b = TestCertificates.selfSigned(dir, "b", "ec");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key\n");

        assertThatThrownBy(() -> listening(a.cert(), b.key())).hasMessageContaining("is not the key of the first certificate");
        assertThatThrownBy(() -> listening(a.cert(), garbage)).hasMessageContaining("holds no '-----BEGIN PRIVATE KEY-----'");
        assertThatThrownBy(() -> listening(garbage, a.key())).hasMessageContaining("tls_cert " + garbage);
        assertThatThrownBy(() -> listening(dir.resolve("missing.pem"), a.key())).hasMessageContaining("cannot read tls_cert");
    }

    @Test
    void peerCaIsTrustedOnTopOfTheJdkDefaults() throws Exception {
        TestCertificates a = TestCertificates.selfSigned(dir, "a", "ec");
        TestCertificates b = TestCertificates.selfSigned(dir, "b", "rsa");
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), Files.readString(a.cert()) + Files.readString(b.cert()));

        List<java.security.cert.X509Certificate> jdk = List.of(TlsMaterial.jdkTrust().getAcceptedIssuers());
        assertThat(jdk).isNotEmpty();
        assertThat(TlsMaterial.peerAnchors(bundle)).containsAll(jdk)
                .containsAll(TlsMaterial.certificates(bundle, "peer_ca")).hasSize(jdk.size() + 2);
        assertThatThrownBy(() -> TlsMaterial.read(new HivemeshConfig.Tls(Optional.empty(), Optional.empty(),
                Optional.of(a.key())))).hasMessageContaining("peer_ca " + a.key());
    }
}
