package org.hivemesh.bootstrap.cli;

import java.util.concurrent.Callable;
import org.hivemesh.application.portability.port.in.AdoptingFederationUseCase;
import org.hivemesh.application.portability.port.in.FederationUseCase;
import org.hivemesh.application.portability.port.in.PortabilityUseCases.ImportReport;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "federate", mixinStandardHelpOptions = true,
        description = "Exchange a whole hive once with an instance that is not a peer: --push sends every event the "
                + "target lacks, --pull takes every event the source has. With --adopt the other's hive of this name was "
                + "created independently (another lineage): its events are re-issued into the receiving hive, what it "
                + "holds by content counted as duplicate. Nothing standing remains afterwards. Exits 3 when an event "
                + "was rejected.")
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

    @Option(names = "--adopt", description = "the other instance's hive of this name is another lineage: re-issue its "
            + "events (--pull) or ours (--push) into the receiving hive, reported new / duplicate / flagged / rejected")
    boolean adopt;

    @Option(names = "--json", description = "print the result as one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() {
        try (HivemeshInstance instance = store.open()) {
            String hive = GroupArgument.hiveName(group, GroupArgument.local(instance));
            if (adopt) {
                return adopting(instance, hive);
            }
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

    private int adopting(HivemeshInstance instance, String hive) {
        ImportReport report = instance.service(AdoptingFederationUseCase.class).federateAdopting(other, hive,
                direction.push);
        if (json) {
            System.out.println(ImportReports.toJson(report).canonical());
        } else {
            System.out.printf("federated %s %s %s, adopting: new %d, duplicate %d, flagged %d, rejected %d%n", hive,
                    direction.push ? "to" : "from", other, report.newEvents(), report.duplicates(), report.flagged(),
                    report.rejectedCount());
            report.rejected().forEach(r -> System.out.printf("  %d: %s%n", r.line(), r.reason()));
        }
        return report.rejectedCount() == 0 ? 0 : Main.PARTLY_REJECTED;
    }
}
