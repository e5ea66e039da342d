package org.hivemesh.bootstrap.cli;

import java.util.concurrent.Callable;
import org.hivemesh.application.portability.port.in.FederationUseCase;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "federate", mixinStandardHelpOptions = true,
        description = "Exchange a whole hive once with an instance that is not a peer: --push sends every event the "
                + "target lacks, --pull takes every event the source has. Nothing standing remains afterwards.")
final class FederateCommand implements Callable<Integer> {
    @Mixin
    LocalStore store;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Direction direction;

    static final class Direction {
        @Option(names = "--push", description = "push to --target")
        boolean push;

        @Option(names = "--pull", description = "pull from --source")
        boolean pull;
    }

    @Option(names = {"--target", "--source"}, required = true, description = "the other instance's base URL")
    String other;

    @Option(names = {"-g", "--group"}, required = true, description = GroupArgument.HELP
            + " (with --pull, a new name fetches that hive)")
    String group;

    @Option(names = "--json", description = "print the result as one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() {
        try (HivemeshInstance instance = store.open()) {
            String hive = GroupArgument.hiveName(group, GroupArgument.local(instance));
            FederationUseCase.Exchange round = instance.service(FederationUseCase.class).federate(other, hive,
                    direction.push, direction.pull);
            if (json) {
                System.out.println(JsonObject.builder().put("hive", hive).put("other", other).put("pushed", round.pushed())
                        .put("pulled", round.pulled()).put("quarantined", round.quarantined()).build().canonical());
            } else {
                System.out.printf("federated %s with %s: pushed %d, pulled %d, quarantined %d%n", hive, other,
                        round.pushed(), round.pulled(), round.quarantined());
            }
            return 0;
        }
    }
}
