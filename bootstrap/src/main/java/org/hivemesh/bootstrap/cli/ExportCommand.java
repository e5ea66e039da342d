package org.hivemesh.bootstrap.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.hivemesh.application.portability.port.in.PortabilityUseCases;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a group's events as JSONL to standard output, from the local store or a server.")
final class ExportCommand implements Callable<Integer> {
    @Mixin
    LocalStore store;

    @Option(names = {"-g", "--group"}, required = true, description = "group ID or hive name")
    String group;

    @Option(names = "--since", defaultValue = "0", description = "only events after this local seq")
    long since;

    @Option(names = "--server", description = "export from this server instead of the local store")
    String server;

    @Option(names = "--admin-token", defaultValue = "${env:HIVEMESH_ADMIN_TOKEN}", description = "the server's admin token")
    String adminToken;

    @Override
    public Integer call() throws Exception {
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        if (server != null) {
            HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.replaceAll("/+$", "") + "/api/v1/sync/groups/" + group + "/export?since=" + since))
                    .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                System.err.println("hivemesh export: server answered " + response.statusCode() + ": "
                        + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
                return 1;
            }
            response.body().transferTo(System.out);
            System.out.flush();
            return 0;
        }
        try (HivemeshInstance instance = store.open()) {
            instance.service(PortabilityUseCases.class).export(LocalStore.groupOf(instance, group), since, JsonLines.to(out));
        }
        out.flush();
        return 0;
    }
}
