package org.hivemesh.bootstrap.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** The admin token: configured, or read from {@code <data dir>/admin.token}, or generated there (mode 600) once. */
public final class AdminToken {
    public record Resolved(String token, boolean generated, Path file) {
    }

    private AdminToken() {
    }

    public static Resolved resolve(Optional<String> configured, Path dataDir) {
        Path file = dataDir.resolve("admin.token");
        if (configured.isPresent()) {
            return new Resolved(configured.get(), false, file);
        }
        try {
            if (Files.exists(file)) {
                return new Resolved(Files.readString(file).trim(), false, file);
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String token = "hma_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.createDirectories(dataDir);
            Path temp = Files.createTempFile(dataDir, "admin", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, token + "\n");
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new Resolved(token, true, file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }
}
