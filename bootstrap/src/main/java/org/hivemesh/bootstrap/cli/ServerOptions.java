package org.hivemesh.bootstrap.cli;

import picocli.CommandLine.Option;

/** The server variant of a command that has a local one: its URL and admin token. */
final class ServerOptions {
    @Option(names = "--server", description = "talk to this server (base URL) instead of the local store")
    String url;

    @Option(names = "--admin-token", defaultValue = "${env:HIVEMESH_ADMIN_TOKEN}",
            description = "the server's admin token (default: HIVEMESH_ADMIN_TOKEN)")
    String adminToken;

    boolean given() {
        return url != null;
    }

    /** Refuses as wrong usage when the token is missing, before anything is sent. */
    MeshClient admin(String command) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException(command + " --server needs the server's admin token: --admin-token, or "
                    + "HIVEMESH_ADMIN_TOKEN (it is in <the server's data dir>/admin.token)");
        }
        return new MeshClient(url.replaceAll("/+$", ""), adminToken);
    }
}
