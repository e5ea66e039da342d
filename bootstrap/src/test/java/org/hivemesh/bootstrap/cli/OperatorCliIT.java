package org.hivemesh.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.bootstrap.config.ConfigLoader;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import org.hivemesh.bootstrap.wiring.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command line as an operator meets it: the real jar in its own process where processes matter. */
class OperatorCliIT {
    private static final String ADMIN = "admin-token-for-operator-cli";
    private static final Path JAR = Path.of("target", "hivemesh.jar");
    private Path dataDir;
    private HivemeshInstance server;
    private String groupId;

    /** One run of the real jar: its exit code and what it printed on each stream. */
    record Process(int exitCode, String out, String err) {
    }

    private static Process hivemesh(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("hivemesh-out", ".txt");
        Path err = Files.createTempFile("hivemesh-err", ".txt");
        java.lang.Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("hivemesh " + String.join(" ", args) + " ends").isTrue();
        return new Process(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @BeforeEach
    void startServer() throws IOException {
        dataDir = Files.createTempDirectory("hivemesh-operator");
        server = HivemeshInstance.start(ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("data_dir", dataDir.toString(), "port", "0")), ADMIN);
        MeshClient founder = new MeshClient(server.baseUrl(), ADMIN).login("founder");
        founder.write("POST", "/api/v1/hives", "{\"name\":\"ops\"}");
        founder.write("POST", "/api/v1/hives/ops/posts", "{\"title\":\"first\"}");
        groupId = founder.admin("POST", "/api/v1/sync/groups", "{\"hive_name\":\"ops\"}").string("id");
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private long events() {
        return server.service(SyncGroupsUseCase.class).eventCount(groupId);
    }

    @Test
    void aSecondProcessIsRefusedTheDataDirOfARunningServerAndWritesNothing() throws Exception {
        long before = events();

        Process refused = hivemesh("record", "--offline", "--data-dir", dataDir.toString(), "-g", "ops", "post",
                "--title", "into a live store");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("the data dir " + dataDir.toAbsolutePath() + " is in use by a hivemesh server",
                "pid " + ProcessHandle.current().pid(), "--server").doesNotContain("Exception", ": null");
        assertThat(refused.out()).isEmpty();
        assertThat(events()).isEqualTo(before);
        assertThat(dataDir.resolve("agent.key")).doesNotExist();

        server.close();
        server = null;
        Process afterwards = hivemesh("record", "--offline", "--data-dir", dataDir.toString(), "-g", "ops", "post",
                "--title", "once the server stopped");
        assertThat(afterwards.exitCode()).as(afterwards.err()).isZero();
        assertThat(afterwards.out().strip()).startsWith("post_");
    }

    @Test
    void commandsPrintTheirResultWithoutLogLinesUnlessVerbose() throws Exception {
        Path local = Files.createTempDirectory("hivemesh-quiet");
        Path file = local.resolve("ops.jsonl");
        Files.writeString(file, Cli.run("export", "--server", server.baseUrl(), "--admin-token", ADMIN, "-g", "ops").out());

        Process quiet = hivemesh("import", "--data-dir", local.resolve("a").toString(), file.toString());
        Process verbose = hivemesh("import", "-v", "--data-dir", local.resolve("b").toString(), file.toString());

        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.out()).startsWith("imported " + groupId + ": new ");
        assertThat(quiet.err()).isEmpty();
        assertThat(verbose.out()).startsWith(quiet.out().substring(0, quiet.out().indexOf('(')));
        assertThat(verbose.err()).contains(" INFO ", "migrated");
    }

    @Test
    void versionIsOneCommandAndAFlagOnEveryCommand() throws Exception {
        Process version = hivemesh("version");
        Process serve = hivemesh("serve", "-V");
        Process sync = hivemesh("sync", "--version");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out().strip()).isEqualTo("hivemesh " + Version.VALUE);
        assertThat(serve.out()).isEqualTo(version.out());
        assertThat(sync.out()).isEqualTo(version.out());
    }

    @Test
    void groupsAreNamedByHiveByIdOrByAShortIdLocallyAndOnTheServer() throws Exception {
        String shortId = groupId.substring(0, "grp_".length() + 6);
        Cli.Run byName = Cli.run("export", "--server", server.baseUrl(), "--admin-token", ADMIN, "-g", "ops");
        Cli.Run byShortId = Cli.run("export", "--server", server.baseUrl(), "--admin-token", ADMIN, "-g", shortId);
        Cli.Run byBareShortId = Cli.run("export", "--server", server.baseUrl(), "--admin-token", ADMIN, "-g",
                shortId.substring(4));
        Cli.Run unknown = Cli.run("export", "--server", server.baseUrl(), "--admin-token", ADMIN, "-g", "nope");

        assertThat(byName.exitCode()).isZero();
        assertThat(byName.out()).isNotBlank();
        assertThat(byShortId.out()).isEqualTo(byName.out());
        assertThat(byBareShortId.out()).isEqualTo(byName.out());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("-g nope: no hive or group by that name or ID here; there are ops (" + groupId + ")");

        server.close();
        server = null;
        Cli.Run local = Cli.run("export", "--data-dir", dataDir.toString(), "-g", shortId);
        Cli.Run localUnknown = Cli.run("export", "--data-dir", dataDir.toString(), "-g", "nope");
        assertThat(local.out()).isEqualTo(byName.out());
        assertThat(localUnknown.exitCode()).isEqualTo(unknown.exitCode());
        assertThat(localUnknown.err()).isEqualTo(unknown.err());
    }

    @Test
    void errorsNameTheProblemAndTheFix() throws Exception {
        Cli.Run unreachable = Cli.run("export", "--server", "http://127.0.0.1:1", "--admin-token", ADMIN, "-g", "ops");
        Cli.Run noToken = Cli.run("export", "--server", server.baseUrl(), "--admin-token", "", "-g", "ops");
        Cli.Run wrongToken = Cli.run("export", "--server", server.baseUrl(), "--admin-token", "not-the-token", "-g", "ops");
        Cli.Run noFile = Cli.run("import", "--data-dir", dataDir.resolve("elsewhere").toString(), "/no/such/file.jsonl");

        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.err()).contains("could not connect to the server", "check that it is running and that "
                + "--server is its base URL").doesNotContain(": null");
        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.err()).contains("needs the server's admin token", "HIVEMESH_ADMIN_TOKEN");
        assertThat(wrongToken.exitCode()).isEqualTo(1);
        assertThat(wrongToken.err()).contains("the server refused GET /api/v1/sync/groups (403 forbidden)");
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err()).contains("cannot read /no/such/file.jsonl; give the path of a JSONL export");
    }
}
