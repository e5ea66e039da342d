package org.hivemesh.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark commands run end to end on tiny inputs; their figures are for people, so only the report is checked. */
class BenchIT {
    @Test
    void importPrintsItsWarmUpAndEveryCountedRunAndSummarizesOnlyTheCountedOnes() {
        Cli.Run run = Cli.run("bench", "import", "--events", "40", "--runs", "2", "--warmup", "1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("2 runs after 1 warm-up").contains("warm-up 1: new 40, duplicate 0, rejected 0")
                .contains("run 1: new 40, duplicate 0, rejected 0").contains("run 2: new 40, duplicate 0, rejected 0")
                .doesNotContain("run 3:").doesNotContain("warm-up 2:");
        assertThat(run.out()).containsPattern("events/s +min +[0-9.]+ +median +[0-9.]+ +max +[0-9.]+");
    }

    @Test
    void ingestBackfillAndHttpEachReportTheirRun() {
        Cli.Run ingest = Cli.run("bench", "ingest", "--events", "30", "--writers", "4", "--runs", "1", "--warmup", "0");
        assertThat(ingest.exitCode()).isZero();
        assertThat(ingest.out()).contains("run 1: 30 events in").doesNotContain("warm-up");

        Cli.Run backfill = Cli.run("bench", "backfill", "--events", "40", "--runs", "1", "--warmup", "0");
        assertThat(backfill.exitCode()).isZero();
        assertThat(backfill.out()).containsPattern("run 1: [0-9]+ events stored in [0-9]+ ms .*identical digest after");

        Cli.Run http = Cli.run("bench", "http", "--clients", "2", "--seconds", "1", "--runs", "1", "--warmup", "0");
        assertThat(http.exitCode()).isZero();
        assertThat(http.out()).containsPattern("run 1: [1-9][0-9]* requests in .*; 0 errors").contains("errors in all runs: 0");
    }
}
