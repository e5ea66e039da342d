package org.hivemesh.bootstrap.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.agents.port.in.Scope;
import org.hivemesh.application.content.port.in.ReadUseCases;
import org.hivemesh.bootstrap.config.AdminToken;
import org.hivemesh.bootstrap.config.ConfigLoader;
import org.hivemesh.bootstrap.config.DataDirectory;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's "A first session with curl" runs as written: its shell blocks, in order, in one bash against a
 * fresh instance whose admin token is in data/admin.token as `hivemesh serve` leaves it. Only the port differs
 * (the instance takes a free one); every curl fails the run on an HTTP error.
 */
class ReadmeIT {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern NEXT_HEADING = Pattern.compile("\n#{2,3} ");
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private HivemeshInstance instance;

    @AfterEach
    void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    /** The sh blocks of the README section with this heading, up to the next heading (a subsection ends it too). */
    static List<String> blocks(String readme, String heading) {
        int start = readme.indexOf("\n## " + heading + "\n");
        assertThat(start).as("README section " + heading).isNotNegative();
        Matcher next = NEXT_HEADING.matcher(readme);
        int end = next.find(start + 1) ? next.start() : readme.length();
        Matcher m = SH_BLOCK.matcher(readme.substring(start, end));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void theFirstSessionWithCurlRunsAsWritten() throws Exception {
        Path dir = Files.createTempDirectory("hivemesh-readme");
        Path dataDir = dir.resolve("data");
        DataDirectory.secure(dataDir);
        String admin = AdminToken.resolve(Optional.empty(), dataDir).token();
        instance = HivemeshInstance.start(ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("data_dir", dataDir.toString(), "port", "0")), admin);
        List<String> blocks = blocks(Files.readString(README), "A first session with curl");
        assertThat(blocks).as("session, governance, decisions, operations").hasSize(4);
        String script = "set -euo pipefail\n"
                + "curl() { command curl --fail-with-body \"$@\"; }\n"
                + String.join("\n", blocks).replace("BASE=http://127.0.0.1:7070", "BASE=" + instance.baseUrl())
                + "\necho \"captured POST=$POST C=$C BOB=$BOB CAROL=$CAROL DEC=$DEC CONFLICT=$CONFLICT\"\n";
        Path file = dir.resolve("walkthrough.sh");
        Files.writeString(file, script);
        Path output = dir.resolve("walkthrough.out");

        Process bash = new ProcessBuilder("bash", file.toString()).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();

        assertThat(bash.waitFor(120, TimeUnit.SECONDS)).as("the walkthrough ends").isTrue();
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(bash.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("captured POST=post_[0-9a-f]{64} C=cmt_[0-9a-f]{64} BOB=agt_\\S+ CAROL=agt_\\S+ "
                + "DEC=dec_[0-9a-f]{64} CONFLICT=\\S+").doesNotContain("=null ");
        AgentUseCases agents = instance.service(AgentUseCases.class);
        Principal reader = agents.authenticate(agents.openSession(new AgentUseCases.OpenSessionCommand(
                agents.createAgent(new AgentUseCases.CreateAgentCommand("reader")).apiKey(), Scope.READ)).token());
        ReadUseCases.HiveSummary hive = instance.service(ReadUseCases.class).hives(reader).stream()
                .filter(h -> h.hive().name().equals("ml-lab")).findFirst().orElseThrow();
        Matcher bob = Pattern.compile("BOB=(\\S+)").matcher(out);
        assertThat(bob.find()).isTrue();
        assertThat(hive.settings().get("rules").canonical()).isEqualTo("\"be kind\"");
        assertThat(hive.members().values()).contains("banned");
        assertThat(hive.moderators()).anySatisfy(m -> assertThat(m).endsWith(bob.group(1)));
        assertThat(instance.service(ReadUseCases.class).conflicts(reader, "ml-lab", false))
                .as("no contradiction left open once reviewed").isEmpty();
        assertThat(instance.service(ReadUseCases.class).conflicts(reader, "ml-lab", true)).hasSize(1);
    }
}
