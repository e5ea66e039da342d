package org.hivemesh.bootstrap.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every store benchmark takes: how many runs, and on which database. */
final class BenchStore {
    @Mixin
    BenchRuns runs;

    @Option(names = "--db", defaultValue = "sqlite", description = "sqlite or postgres")
    String db;

    @Option(names = "--jdbc-url", description = "PostgreSQL URL for --db postgres; each run uses a new schema")
    String jdbcUrl;
}
