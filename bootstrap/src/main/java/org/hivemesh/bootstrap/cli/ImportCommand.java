package org.hivemesh.bootstrap.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hivemesh.application.portability.port.in.AdoptionUseCase;
import org.hivemesh.application.portability.port.in.PortabilityUseCases;
import org.hivemesh.application.portability.port.in.PortabilityUseCases.ImportReport;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a JSONL export into the local store or a server: every event is verified, duplicates "
                + "are recognised by ID, and a bad line is rejected alone. Exits 3 when a line was rejected.")
final class ImportCommand implements Callable<Integer> {
    @Mixin
    LocalStore store;

    @Parameters(index = "0", description = "the JSONL file")
    Path file;

    @Mixin
    ServerOptions server;

    @Option(names = {"-g", "--group"}, description = GroupArgument.HELP
            + "; the file must belong to it (default: the group of the file's first event)")
    String group;

    @Option(names = "--adopt", description = "the file comes from an independently created hive (another lineage): "
            + "re-issue its events into the hive -g names, recognising what is already there by content")
    boolean adopt;

    @Option(names = "--json", description = "print the report as the server's JSON instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file.toAbsolutePath() + "; give the path of a JSONL export");
        }
        if (adopt && group == null) {
            throw new IllegalArgumentException("--adopt needs -g <hive> to adopt the file into");
        }
        ImportReport report;
        if (server.given()) {
            MeshClient admin = server.admin("import");
            String groupId = group != null ? GroupArgument.resolve(group, GroupArgument.server(admin)).groupId()
                    : firstGroup().orElseThrow(() -> new IllegalArgumentException("no event in " + file
                            + " names its group; give -g <group>"));
            String path = "/api/v1/sync/groups/" + groupId + "/import" + (adopt ? "?adopt=true" : "");
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(admin.base + path))
                    .header("Authorization", "Bearer " + server.adminToken).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(MeshClient.refusal("POST " + path, response.statusCode(), response.body()));
            }
            report = ImportReports.fromJson(Json.parseObject(response.body()));
        } else {
            try (HivemeshInstance instance = store.open();
                 InputStream in = Files.newInputStream(file)) {
                Optional<String> groupId = Optional.ofNullable(group)
                        .map(g -> GroupArgument.local(g, instance).groupId());
                report = adopt ? instance.service(AdoptionUseCase.class).adoptLines(in, groupId.orElseThrow())
                        : instance.service(PortabilityUseCases.class).importLines(in, groupId);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (json) {
            System.out.println(ImportReports.toJson(report).canonical());
        } else {
            System.out.printf("imported %s: new %d, duplicate %d, flagged %d, rejected %d (%.1f s, %.0f events/s)%n",
                    report.groupId(), report.newEvents(), report.duplicates(), report.flagged(), report.rejectedCount(),
                    seconds, (report.newEvents() + report.duplicates()) / Math.max(seconds, 0.001));
            report.rejected().forEach(r -> System.out.printf("  line %d: %s%n", r.line(), r.reason()));
        }
        return report.rejectedCount() == 0 ? 0 : Main.PARTLY_REJECTED;
    }

    /** The group of the first line that is a JSON object with one: what a local import checks the file against. */
    private Optional<String> firstGroup() throws Exception {
        // lenient decoding: a line that is not UTF-8 is the server's to reject; this only looks for a group
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                try {
                    Optional<JsonValue> found = Json.parseObject(line).get("group");
                    if (found.isPresent() && found.get() instanceof JsonValue.JsonString s) {
                        return Optional.of(s.value());
                    }
                } catch (RuntimeException notAnEvent) {
                    // a broken line is the server's to reject and report; the next one may name the group
                }
            }
        }
        return Optional.empty();
    }
}
