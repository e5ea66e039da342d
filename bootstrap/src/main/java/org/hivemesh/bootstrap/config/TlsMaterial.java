package org.hivemesh.bootstrap.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS contexts of an instance, read from the PEM files of {@link HivemeshConfig.Tls} with the JDK alone:
 * {@code listener} serves HTTPS when a certificate is configured; {@code peers} is what outbound calls trust.
 */
public record TlsMaterial(Optional<SSLContext> listener, SSLContext peers) {
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    /** Protects nothing: the key store lives in memory only, for the length of one call. */
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    /** Refuses, with the setting and file named, anything it cannot use; nothing is half-loaded. */
    public static TlsMaterial read(HivemeshConfig.Tls tls) {
        Optional<SSLContext> listener = tls.cert().map(cert -> listener(cert, tls.key().orElseThrow()));
        return new TlsMaterial(listener, peers(tls.peerCa()));
    }

    private static SSLContext listener(Path certFile, Path keyFile) {
        List<X509Certificate> chain = certificates(certFile, "tls_cert");
        PrivateKey key = privateKey(keyFile);
        if (!belongTogether(key, chain.get(0))) {
            throw new IllegalArgumentException("tls_key " + keyFile + " is not the key of the first certificate in tls_cert "
                    + certFile);
        }
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry("hivemesh", key, IN_MEMORY, chain.toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, IN_MEMORY);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use tls_cert " + certFile + " with tls_key " + keyFile + ": "
                    + e.getMessage(), e);
        }
    }

    /** The JDK's trusted CAs, plus those of {@code peer_ca}: peers with public certificates keep working. */
    private static SSLContext peers(Optional<Path> peerCa) {
        try {
            if (peerCa.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore trusted = emptyStore();
            List<X509Certificate> anchors = peerAnchors(peerCa.get());
            for (int i = 0; i < anchors.size(); i++) {
                trusted.setCertificateEntry("ca-" + i, anchors.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's TLS support is unusable: " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> peerAnchors(Path peerCa) throws GeneralSecurityException {
        List<X509Certificate> anchors = new ArrayList<>(List.of(jdkTrust().getAcceptedIssuers()));
        anchors.addAll(certificates(peerCa, "peer_ca"));
        return anchors;
    }

    static X509TrustManager jdkTrust() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    static List<X509Certificate> certificates(Path file, String setting) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)))) {
                certificates.add((X509Certificate) c);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + setting + " " + file + ": " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + " " + file + " is not a PEM certificate file: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(setting + " " + file + " holds no '-----BEGIN CERTIFICATE-----' block");
        }
        return certificates;
    }

    /** An unencrypted PKCS#8 EC or RSA key; the other PEM forms are refused with the command that converts them. */
    static PrivateKey privateKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read tls_key " + file + ": " + e, e);
        }
        String convert = "; convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key-pkcs8.pem";
        if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IllegalArgumentException("tls_key " + file + " is encrypted; hivemesh reads unencrypted PKCS#8 keys"
                    + convert);
        }
        if (pem.contains("-----BEGIN RSA PRIVATE KEY-----") || pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new IllegalArgumentException("tls_key " + file + " is a traditional (PKCS#1 / SEC1) key; hivemesh "
                    + "reads PKCS#8 ('-----BEGIN PRIVATE KEY-----')" + convert);
        }
        Matcher block = PKCS8.matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException("tls_key " + file + " holds no '-----BEGIN PRIVATE KEY-----' (PKCS#8) block");
        }
        PKCS8EncodedKeySpec spec;
        try {
            spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(block.group(1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tls_key " + file + " is not valid base64 PEM", e);
        }
        for (String algorithm : List.of("EC", "RSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException notThisAlgorithm) {
                // the next algorithm may read it
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks " + algorithm + " keys", e);
            }
        }
        throw new IllegalArgumentException("tls_key " + file + " is neither an EC nor an RSA PKCS#8 key");
    }

    /** Signs a challenge with the key and checks it with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        try {
            Signature signer = Signature.getInstance(key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA");
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            signer.initVerify(certificate.getPublicKey());
            signer.update(challenge);
            return signer.verify(signature);
        } catch (GeneralSecurityException differentAlgorithms) {
            return false;
        }
    }
}
