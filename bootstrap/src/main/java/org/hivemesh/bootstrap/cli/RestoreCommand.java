package org.hivemesh.bootstrap.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hivemesh.adapters.persistence.sqlite.SqliteBackup;
import org.hivemesh.bootstrap.config.DataDirLock;
import org.hivemesh.bootstrap.config.DataDirectory;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Put a backup in place as the store of an empty data dir (checked first; never overwrites a "
                + "store). The server started on it migrates the schema if the backup is older, and syncs what it "
                + "missed from its peers.")
final class RestoreCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "the file `hivemesh backup --to` wrote")
    Path from;

    @Option(names = "--data-dir", defaultValue = "./data", description = "the data dir to restore into (default ./data)")
    Path dataDir;

    @Option(names = "--json", description = "print the result as one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() {
        DataDirectory.secure(dataDir);
        Path store = dataDir.resolve("hivemesh.db");
        SqliteBackup.Summary summary;
        try (DataDirLock lock = DataDirLock.acquire(dataDir, "hivemesh restore")) {
            summary = SqliteBackup.restore(from, store);
        }
        if (json) {
            System.out.println(JsonObject.builder().put("backup", from.toAbsolutePath().toString())
                    .put("store", store.toAbsolutePath().toString()).put("schema_version", summary.schemaVersion())
                    .put("events", summary.events()).build().canonical());
        } else {
            System.out.printf("restored %s into %s: %d events, schema version %s; start the server on this data dir%n",
                    from, store, summary.events(), summary.schemaVersion());
        }
        return 0;
    }
}
