package org.hivemesh.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path parent;

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aNewDataDirIsCreatedForTheServersUserAlone() throws Exception {
        Path dir = parent.resolve("data");

        DataDirectory.secure(dir);

        assertThat(mode(dir)).isEqualTo("rwx------");
    }

    @Test
    void looserModesOnTheDirAndItsFilesAreTightened() throws Exception {
        Path dir = Files.createDirectory(parent.resolve("data"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path token = Files.writeString(dir.resolve("admin.token"), "secret");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
        Path store = Files.writeString(dir.resolve("hivemesh.db"), "");
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-rw-rw-"));

        DataDirectory.secure(dir);

        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(token)).isEqualTo("rw-------");
        assertThat(mode(store)).isEqualTo("rw-------");
        assertThat(Files.readString(token)).isEqualTo("secret");
    }
}
