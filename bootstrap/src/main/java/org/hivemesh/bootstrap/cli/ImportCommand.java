package org.hivemesh.bootstrap.cli;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hivemesh.application.portability.port.in.AdoptionUseCase;
import org.hivemesh.application.portability.port.in.PortabilityUseCases;
import org.hivemesh.application.portability.port.in.PortabilityUseCases.ImportReport;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a JSONL export into the local store or a server: every event is verified, duplicates "
                + "are recognised by ID, and a bad line is rejected alone.")
final class ImportCommand implements Callable<Integer> {
    @Mixin
    LocalStore store;

    @Parameters(index = "0", description = "the JSONL file")
    Path file;

    @Option(names = "--server", description = "import into this server instead of the local store")
    String server;

    @Option(names = "--admin-token", defaultValue = "${env:HIVEMESH_ADMIN_TOKEN}", description = "the server's admin token")
    String adminToken;

    @Option(names = {"-g", "--group"}, description = "group ID the file must belong to (required with --server)")
    String group;

    @Option(names = "--adopt", description = "the file comes from an independently created hive (another lineage): "
            + "re-issue its events into --group, recognising what is already there by content")
    boolean adopt;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        if (adopt && group == null) {
            System.err.println("hivemesh import: --adopt needs --group <hive or group id> to adopt into");
            return 2;
        }
        if (server != null) {
            if (group == null) {
                System.err.println("hivemesh import: --server needs --group <group id>");
                return 2;
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.replaceAll("/+$", "") + "/api/v1/sync/groups/" + group + "/import" + (adopt ? "?adopt=true" : "")))
                    .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            System.out.println(response.body());
            return response.statusCode() == 200 ? 0 : 1;
        }
        Files.createDirectories(store.dataDir);
        try (HivemeshInstance instance = store.open();
             InputStream in = Files.newInputStream(file)) {
            ImportReport report = adopt
                    ? instance.service(AdoptionUseCase.class).adoptLines(in, LocalStore.groupOf(instance, group))
                    : instance.service(PortabilityUseCases.class).importLines(in,
                            Optional.ofNullable(group).map(g -> LocalStore.groupOf(instance, g)));
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("imported %s: new %d, duplicate %d, flagged %d, rejected %d (%.1f s, %.0f events/s)%n",
                    report.groupId(), report.newEvents(), report.duplicates(), report.flagged(), report.rejectedCount(),
                    seconds, (report.newEvents() + report.duplicates()) / Math.max(seconds, 0.001));
            report.rejected().forEach(r -> System.out.printf("  line %d: %s%n", r.line(), r.reason()));
            return report.rejectedCount() == 0 ? 0 : 3;
        }
    }
}
