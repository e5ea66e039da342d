package org.hivemesh.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
    @TempDir
    Path dataDir;

    @Test
    void aGeneratedTokenIsSavedWithMode600AndReusedAfterwards() throws IOException {
        AdminToken.Resolved first = AdminToken.resolve(Optional.empty(), dataDir);
        AdminToken.Resolved second = AdminToken.resolve(Optional.empty(), dataDir);

        assertThat(first.generated()).isTrue();
        assertThat(second.generated()).isFalse();
        assertThat(second.token()).isEqualTo(first.token());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file()))).isEqualTo("rw-------");
    }

    @Test
    void aConfiguredTokenWinsAndNothingIsWritten() {
        AdminToken.Resolved resolved = AdminToken.resolve(Optional.of("configured-admin-token-123"), dataDir);

        assertThat(resolved.token()).isEqualTo("configured-admin-token-123");
        assertThat(Files.exists(dataDir.resolve("admin.token"))).isFalse();
    }
}
