package org.hivemesh.bootstrap.cli;

import picocli.CommandLine.Option;

/**
 * How often a benchmark runs. Warm-up runs come first and are printed but left out of min / median / max: in them the
 * JIT compiles the hot paths (on two cores it takes a third of the CPU of a cold 20-second run), which a long-running
 * server pays once.
 */
final class BenchRuns {
    @Option(names = "--runs", defaultValue = "3", description = "runs that count")
    int runs;

    @Option(names = "--warmup", defaultValue = "1", description = "runs made first and left out of the summary")
    int warmup;

    int total() {
        return warmup + runs;
    }

    /** {@code i} from 0: whether that run counts. */
    boolean counted(int i) {
        return i >= warmup;
    }

    String label(int i) {
        return counted(i) ? "run " + (i - warmup + 1) : "warm-up " + (i + 1);
    }

    @Override
    public String toString() {
        return runs + " runs" + (warmup > 0 ? " after " + warmup + " warm-up" : "");
    }
}
