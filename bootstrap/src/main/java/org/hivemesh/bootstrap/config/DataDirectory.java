package org.hivemesh.bootstrap.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data dir holds what must stay with the server's user: the SQLite store (with the instance's private key and the
 * tokens we present to peers), {@code admin.token} and {@code agent.key}. It is created {@code rwx------}; looser
 * permissions found on it or the files in it at start are tightened, and each change is logged as a warning.
 */
public final class DataDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataDirectory() {
    }

    /** Creates {@code dir} for the server's user alone, or tightens what is there; a no-op where POSIX modes do not exist. */
    public static void secure(Path dir) {
        try {
            if (!Files.getFileStore(Files.exists(dir) ? dir : existingParent(dir)).supportsFileAttributeView("posix")) {
                Files.createDirectories(dir);
                return;
            }
            if (!Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                return;
            }
            tighten(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    tighten(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot secure the data dir " + dir, e);
        }
    }

    private static Path existingParent(Path dir) {
        Path at = dir.toAbsolutePath();
        while (!Files.exists(at)) {
            at = at.getParent();
        }
        return at;
    }

    private static void tighten(Path path) throws IOException {
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
        if (now.stream().noneMatch(OTHERS::contains)) {
            return;
        }
        Set<PosixFilePermission> owner = EnumSet.copyOf(now);
        owner.removeAll(OTHERS);
        Files.setPosixFilePermissions(path, owner);
        LOG.warn("{} was {}: readable by others than the server's user; it is now {}", path,
                PosixFilePermissions.toString(now), PosixFilePermissions.toString(owner));
    }
}
