package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `hivemesh serve` writes to stderr, in a real process stopped the way systemd stops it (SIGTERM). */
class ServeLoggingIT {
    @TempDir
    Path dir;

    private record Served(List<String> lines, int exitCode) {
    }

    private Served serveAndStop(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.hivemesh.bootstrap.cli.Main", "serve",
                "--data-dir", dir.resolve("data").toString(), "--port", "0").directory(dir.toFile());
        builder.environment().putAll(environment);
        builder.redirectOutput(dir.resolve("stdout.txt").toFile());
        // To files, not pipes: Process.destroy closes its pipes, and the lines written while stopping would be lost.
        builder.redirectError(dir.resolve("stderr.txt").toFile());
        Process process = builder.start();
        try {
            Mesh.await("the instance listening", () -> stdout().contains("listening on"));
        } finally {
            process.toHandle().destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        List<String> lines = Files.readAllLines(dir.resolve("stderr.txt"));
        return new Served(lines, process.exitValue());
    }

    private String stdout() {
        try {
            return Files.readString(dir.resolve("stdout.txt"));
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void jsonFormatWritesOneObjectPerLineUpToTheShutdownLine() throws Exception {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Served served = serveAndStop(Map.of("HIVEMESH_LOG_FORMAT", "json", "HIVEMESH_LOG_LEVEL", "info"));
        Instant stopped = Instant.now();

        List<JsonObject> objects = served.lines().stream().map(Json::parseObject).toList();
        assertThat(objects).isNotEmpty().allSatisfy(o -> {
            assertThat(o.string("level")).isIn("INFO", "WARN", "ERROR");
            assertThat(o.string("timestamp")).as("ISO-8601 in UTC with milliseconds")
                    .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
            assertThat(Instant.parse(o.string("timestamp"))).isBetween(started, stopped);
            assertThat(o.string("loggerName")).isNotBlank();
        });
        assertThat(objects).anySatisfy(o -> assertThat(o.string("formattedMessage")).contains("serving at"));
        assertThat(objects.get(objects.size() - 1).string("formattedMessage")).matches("instance \\S+ stopped");
    }

    @Test
    void textLinesAreDatedUpToTheShutdownLine() throws Exception {
        Served text = serveAndStop(Map.of());

        assertThat(text.lines()).isNotEmpty().allSatisfy(line -> assertThat(line)
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) (INFO |WARN |ERROR) .*"));
        assertThat(text.lines()).anySatisfy(line -> assertThat(line).contains("serving at"));
        assertThat(text.lines().get(text.lines().size() - 1)).contains(" INFO ").endsWith("stopped");
    }

    @Test
    void logLevelWarnLeavesOutTheInfoLines() throws Exception {
        Served quiet = serveAndStop(Map.of("HIVEMESH_LOG_LEVEL", "warn"));

        assertThat(quiet.lines()).noneSatisfy(line -> assertThat(line).contains(" INFO "));
        assertThat(stdout()).contains("listening on");
    }
}
