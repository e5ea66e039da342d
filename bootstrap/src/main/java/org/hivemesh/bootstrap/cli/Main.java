package org.hivemesh.bootstrap.cli;

import org.hivemesh.bootstrap.wiring.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "hivemesh", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Self-hosted hives that stay in sync between instances.",
        subcommands = {ServeCommand.class, DemoCommand.class, RecordCommand.class, SyncCommand.class, ExportCommand.class,
                ImportCommand.class, FederateCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main())
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    command.getErr().println("hivemesh " + command.getCommandName() + ": " + e.getMessage());
                    return 1;
                })
                .execute(args));
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
}
