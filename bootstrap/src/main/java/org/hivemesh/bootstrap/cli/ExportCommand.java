package org.hivemesh.bootstrap.cli;

import java.io.BufferedWriter;
import java.io.InputStream;
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

    @Option(names = {"-g", "--group"}, required = true, description = GroupArgument.HELP)
    String group;

    @Option(names = "--since", defaultValue = "0", description = "only events after this local seq")
    long since;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws Exception {
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        if (server.given()) {
            MeshClient admin = server.admin("export");
            String groupId = GroupArgument.resolve(group, GroupArgument.server(admin)).groupId();
            String path = "/api/v1/sync/groups/" + groupId + "/export?since=" + since;
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(admin.base + path)).header("Authorization", "Bearer " + server.adminToken).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(MeshClient.refusal("GET " + path, response.statusCode(),
                        new String(response.body().readAllBytes(), StandardCharsets.UTF_8)));
            }
            response.body().transferTo(System.out);
            System.out.flush();
            return 0;
        }
        try (HivemeshInstance instance = store.open()) {
            String groupId = GroupArgument.local(group, instance).groupId();
            instance.service(PortabilityUseCases.class).export(groupId, since, JsonLines.to(out));
        }
        out.flush();
        return 0;
    }
}
