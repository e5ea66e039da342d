package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.bootstrap.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class SqliteInstanceIT extends InstanceContract {
    @Override
    Map<String, String> storageFlags(Path dataDir) {
        return Map.of("db", "sqlite");
    }

    @Test
    void theStoreWithThePrivateKeyIsReadableByTheServersUserAlone() throws Exception {
        Path dataDir = Files.createTempDirectory("hivemesh-private");
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (HivemeshInstance instance = HivemeshInstance.start(ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("port", "0", "data_dir", dataDir.toString())), ADMIN)) {
            new Client(instance.baseUrl(), ADMIN).loginAs("alice").post("/api/v1/hives", "{\"name\":\"private\"}");

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
            try (var files = Files.list(dataDir)) {
                assertThat(files.filter(f -> f.getFileName().toString().startsWith("hivemesh.db")).toList())
                        .isNotEmpty().allSatisfy(f -> assertThat(PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
            }
        }
    }
}
