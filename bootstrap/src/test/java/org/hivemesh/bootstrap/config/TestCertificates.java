package org.hivemesh.bootstrap.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates for 127.0.0.1, made with openssl at test time by the commands the README gives
 * operators; a machine without openssl fails these tests rather than skipping them.
 */
public record TestCertificates(Path cert, Path key) {
    /** {@code kind}: {@code ec} (P-256) or {@code rsa} (2048 bits). */
    public static TestCertificates selfSigned(Path dir, String name, String kind) {
        Path cert = dir.resolve(name + "-cert.pem");
        Path key = dir.resolve(name + "-key.pem");
        List<String> command = new ArrayList<>(List.of("openssl", "req", "-x509", "-newkey"));
        command.addAll(kind.equals("ec") ? List.of("ec", "-pkeyopt", "ec_paramgen_curve:P-256") : List.of("rsa:2048"));
        command.addAll(List.of("-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "36500",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"));
        openssl(command);
        return new TestCertificates(cert, key);
    }

    /** The same key in the traditional form (PKCS#1 for RSA, SEC1 for EC). */
    public Path traditionalKey() {
        Path out = key.resolveSibling(key.getFileName() + ".traditional");
        openssl(List.of("openssl", "pkey", "-in", key.toString(), "-traditional", "-out", out.toString()));
        return out;
    }

    /** The same key as encrypted PKCS#8. */
    public Path encryptedKey() {
        Path out = key.resolveSibling(key.getFileName() + ".encrypted");
        openssl(List.of("openssl", "pkcs8", "-topk8", "-in", key.toString(), "-out", out.toString(),
                "-passout", "pass:secret"));
        return out;
    }

    private static void openssl(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("these tests need openssl on the PATH: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
