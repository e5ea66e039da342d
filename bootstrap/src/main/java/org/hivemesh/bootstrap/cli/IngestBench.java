package org.hivemesh.bootstrap.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.content.port.in.ContentUseCases;
import org.hivemesh.application.content.port.in.HiveUseCases;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Local writes through the application: build, check authority, sign, append and materialize N posts"
                + " from W writers at once, batched by group commit as concurrent API calls are.")
final class IngestBench implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "10000")
    int events;

    @Option(names = "--writers", defaultValue = "32", description = "threads writing at once")
    int writers;

    @Mixin
    BenchStore store;

    @Override
    public Integer call() throws Exception {
        System.out.printf("bench ingest: %d events, %d writers, on %s, %s%n", events, writers, store.db, store.runs);
        List<Double> rates = new ArrayList<>();
        List<Double> heaps = new ArrayList<>();
        for (int run = 0; run < store.runs.total(); run++) {
            try (Scratch room = Scratch.of(store.db, store.jdbcUrl, "ingest" + run);
                 LocalMesh mesh = new LocalMesh(1, room.dir, room.storage)) {
                HivemeshInstance instance = mesh.instances.get(0);
                Principal writer = BenchCommand.writer(instance);
                instance.service(HiveUseCases.class).createHive(writer, new HiveUseCases.CreateHiveCommand("bench", null));
                PeakHeap.reset();
                long start = System.nanoTime();
                BenchCommand.writePosts(instance.service(ContentUseCases.class), writer, "bench", events, writers);
                double seconds = (System.nanoTime() - start) / 1e9;
                double heap = PeakHeap.megabytes();
                if (store.runs.counted(run)) {
                    rates.add(events / seconds);
                    heaps.add(heap);
                }
                System.out.printf("%s: %d events in %.2f s (%.0f events/s); peak heap %.0f MB%n", store.runs.label(run),
                        events, seconds, events / seconds, heap);
            }
        }
        System.out.println(BenchCommand.summary("events/s", rates, "(build + sign + append + materialize)"));
        System.out.println(BenchCommand.summary("peak heap", heaps, "MB"));
        return 0;
    }
}
