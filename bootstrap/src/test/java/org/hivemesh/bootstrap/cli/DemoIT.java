package org.hivemesh.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The README's first command for newcomers must converge, in both discovery modes. */
class DemoIT {
    @Test
    void theDemoConvergesWithJoinsAndWithGossipFromAChain() {
        Cli.Run manual = Cli.run("demo", "--exit", "--posts", "3");
        Cli.Run gossip = Cli.run("demo", "--exit", "--posts", "2", "--discovery", "gossip", "--instances", "4");

        assertThat(manual.exitCode()).as(manual.out()).isZero();
        assertThat(manual.out()).contains("All 3 digests match");
        assertThat(gossip.exitCode()).as(gossip.out()).isZero();
        assertThat(gossip.out()).contains("Full mesh: every instance is linked to the other 3.", "All 4 digests match");
    }
}
