package org.hivemesh.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's first command for newcomers must converge, in both discovery modes, and leave nothing behind. */
class DemoIT {
    private static Path named(String out, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(out);
        assertThat(m.find()).as(pattern + " in " + out).isTrue();
        return Path.of(m.group(1));
    }

    @Test
    void theDemoConvergesWithJoinsAndWithGossipFromAChain() {
        Cli.Run manual = Cli.run("demo", "--exit", "--posts", "3");
        Cli.Run gossip = Cli.run("demo", "--exit", "--posts", "2", "--discovery", "gossip", "--instances", "4");

        assertThat(manual.exitCode()).as(manual.out()).isZero();
        assertThat(manual.out()).contains("All 3 digests match");
        assertThat(gossip.exitCode()).as(gossip.out()).isZero();
        assertThat(gossip.out()).contains("Full mesh: every instance is linked to the other 3.", "All 4 digests match");
    }

    @Test
    void theLogGoesToTheFileItNamesAndExitRemovesTheTemporaryData() throws Exception {
        Cli.Run run = Cli.run("demo", "--exit", "--posts", "1", "--instances", "2");

        Path log = named(run.out(), "Log: (\\S+)");
        Path data = named(run.out(), "data in (\\S+)\\):");
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).doesNotContain(" INFO ", " WARN ", " DEBUG ").contains("Removed " + data + ".");
        assertThat(run.err()).doesNotContain(" INFO ");
        assertThat(Files.readString(log)).contains(" INFO ", "serving at");
        assertThat(data).doesNotExist();
    }
}
