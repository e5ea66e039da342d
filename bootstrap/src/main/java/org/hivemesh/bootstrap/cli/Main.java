package org.hivemesh.bootstrap.cli;

import ch.qos.logback.classic.Level;
import java.util.concurrent.Callable;
import org.hivemesh.bootstrap.wiring.Version;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "hivemesh", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Self-hosted hives that stay in sync between instances.",
        exitCodeListHeading = "%nExit codes (every command, local or --server):%n",
        exitCodeList = {"0:done", "1:refused or failed (the message says why and what to do)",
                "2:wrong usage (a missing or invalid option)", "3:done, but some input was rejected (import)"},
        subcommands = {ServeCommand.class, DemoCommand.class, RecordCommand.class, SyncCommand.class, ExportCommand.class,
                ImportCommand.class, FederateCommand.class, BackupCommand.class, RestoreCommand.class, BenchCommand.class,
                Main.VersionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int PARTLY_REJECTED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "show the log (INFO and up) on standard error; without it a command shows warnings only")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@link #main} runs it: error handling, version on every command, logging by command. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionStrategy(parsed -> {
            ch.qos.logback.classic.Logger hivemesh = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.hivemesh");
            Level before = hivemesh.getLevel();
            logFor(parsed, hivemesh);
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                // a command run in process (tests, the demo's instances) leaves the log as it found it
                hivemesh.setLevel(before);
            }
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("hivemesh " + command.getCommandName() + ": " + CliErrors.describe(e));
            return e instanceof IllegalArgumentException ? USAGE : FAILED;
        });
        setVersionEverywhere(cli);
        return cli;
    }

    private static void setVersionEverywhere(CommandLine cli) {
        cli.getCommandSpec().versionProvider(new VersionProvider());
        cli.getSubcommands().values().forEach(Main::setVersionEverywhere);
    }

    /**
     * A server logs at INFO (its settings decide); any other command prints its result on standard output and only
     * warnings on standard error, unless -v asks for the log. A benchmark shows errors only: it stops its instances
     * between runs, and what the survivors warn about their vanished peers would bury its figures.
     */
    private static void logFor(CommandLine.ParseResult parsed, ch.qos.logback.classic.Logger hivemesh) {
        boolean verbose = false;
        boolean bench = false;
        CommandLine.ParseResult leaf = parsed;
        for (CommandLine.ParseResult at = parsed; at != null; at = at.subcommand()) {
            verbose |= at.hasMatchedOption("--verbose");
            bench |= at.commandSpec().userObject() instanceof BenchCommand;
            leaf = at;
        }
        if (!(leaf.commandSpec().userObject() instanceof ServeCommand)) {
            hivemesh.setLevel(verbose ? Level.INFO : bench ? Level.ERROR : Level.WARN);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hivemesh " + Version.VALUE};
        }
    }

    @Command(name = "version", description = "Print the version (as -V does on every command).")
    static final class VersionCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.println(new VersionProvider().getVersion()[0]);
            return 0;
        }
    }
}
