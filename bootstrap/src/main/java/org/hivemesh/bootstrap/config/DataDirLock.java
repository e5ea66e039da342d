package org.hivemesh.bootstrap.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;

/**
 * One process at a time in a data dir: a server and a CLI command writing into the same SQLite store (or the same
 * admin token and agent key) would each see a store the other changes under it. The lock is an OS file lock on
 * {@code <data dir>/hivemesh.lock}, so it goes away with the process, however it ends; the file names the holder.
 */
public final class DataDirLock implements AutoCloseable {
    static final String FILE = "hivemesh.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The data dir in use by another process (or another instance in this one). */
    public static final class InUse extends IllegalStateException {
        InUse(String message) {
            super(message);
        }
    }

    /** Takes the lock or refuses at once, naming who holds it and what to do instead. */
    public static DataDirLock acquire(Path dataDir, String holder) {
        Path file = dataDir.resolve(FILE);
        FileChannel channel = null;
        try {
            Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            // Created for the server's user alone, like everything in the data dir (DataDirectory).
            channel = Files.getFileStore(dataDir).supportsFileAttributeView("posix")
                    ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")))
                    : FileChannel.open(file, options);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String current = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new InUse("the data dir " + dataDir.toAbsolutePath() + " is in use"
                        + (current.isEmpty() ? "" : " by " + current) + ". Stop that process first, or talk to the "
                        + "running server instead (--server <its URL>); a second process must not write into a live store");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + ", pid " + ProcessHandle.current().pid() + ", since "
                    + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the data dir " + dataDir.toAbsolutePath() + " (" + e.getMessage()
                    + "); check that it is writable by this user", e);
        }
    }

    /** Idempotent: a failed start and the close after it may both release. */
    @Override
    public synchronized void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock on " + FILE, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the open already failed; that failure is the one reported
            }
        }
    }
}
