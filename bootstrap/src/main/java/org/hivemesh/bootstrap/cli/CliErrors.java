package org.hivemesh.bootstrap.cli;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** What went wrong, in words that name the problem and the fix: never a bare class name, path or "null". */
final class CliErrors {
    private CliErrors() {
    }

    static String describe(Throwable e) {
        for (Throwable at = e; at != null; at = at.getCause()) {
            String known = known(at);
            if (known != null) {
                return known;
            }
        }
        for (Throwable at = e; at != null; at = at.getCause()) {
            if (hasMessage(at) && !(at instanceof UncheckedIOException)) {
                return at.getMessage();
            }
        }
        return "unexpected " + e.getClass().getSimpleName() + "; rerun with -v to see the log, and report it with that log";
    }

    private static String known(Throwable e) {
        if (e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException) {
            return "the server did not answer in time; check that it is running and that --server is its base URL";
        }
        if (e instanceof ConnectException) {
            return "could not connect to the server (" + (hasMessage(e) ? e.getMessage() : "connection refused")
                    + "); check that it is running and that --server is its base URL";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage() + "; check the host name in --server";
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file or directory: " + f.getFile() + "; check the path";
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied on " + f.getFile() + "; run as the user that owns it, or fix its permissions";
        }
        if (e instanceof FileSystemException f) {
            return "cannot use " + f.getFile() + (f.getReason() == null ? "" : " (" + f.getReason() + ")")
                    + "; check the path and its permissions";
        }
        return null;
    }

    private static boolean hasMessage(Throwable e) {
        return e.getMessage() != null && !e.getMessage().isBlank() && !e.getMessage().equals("null");
    }
}
