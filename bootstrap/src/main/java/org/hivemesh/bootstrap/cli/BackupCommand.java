package org.hivemesh.bootstrap.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hivemesh.adapters.persistence.sqlite.SqliteBackup;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy the SQLite store of a data dir to a file, safely while a server runs on it (SQLite's online "
                + "backup API: the copy is the store at one instant). For PostgreSQL use pg_dump (README, Backup).")
final class BackupCommand implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "./data", description = "the data dir to back up (default ./data)")
    Path dataDir;

    @Option(names = "--to", required = true, description = "the backup file to write (must not exist)")
    Path to;

    @Option(names = "--json", description = "print the result as one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() {
        // No data dir lock: a backup only reads, and the backup API reads consistently beside a live server.
        Path store = dataDir.resolve("hivemesh.db");
        SqliteBackup.Summary summary = SqliteBackup.backup(store, to);
        if (json) {
            System.out.println(JsonObject.builder().put("store", store.toAbsolutePath().toString())
                    .put("backup", to.toAbsolutePath().toString()).put("bytes", summary.bytes())
                    .put("schema_version", summary.schemaVersion()).put("events", summary.events()).build().canonical());
        } else {
            System.out.printf("backed up %s to %s: %d events, schema version %s, %d bytes%n", store, to, summary.events(),
                    summary.schemaVersion(), summary.bytes());
            System.out.println("  it holds the instance's private key: keep it as private as the data dir; admin.token "
                    + "and agent.key are not in it (copy them too, or set HIVEMESH_ADMIN_TOKEN on the restored server)");
        }
        return 0;
    }
}
