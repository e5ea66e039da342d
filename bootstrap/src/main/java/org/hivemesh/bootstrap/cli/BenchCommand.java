package org.hivemesh.bootstrap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.agents.port.in.Scope;
import org.hivemesh.application.content.port.in.ContentUseCases;
import org.hivemesh.application.content.port.in.HiveUseCases;
import org.hivemesh.application.sync.port.in.GroupStatus;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.application.sync.port.in.SyncPeersUseCase;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks; each prints min / median / max over its runs.",
        subcommands = {BenchCommand.Backfill.class, BenchCommand.Converge.class, BenchCommand.Import.class,
                IngestBench.class, HttpBench.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("usage: hivemesh bench backfill|import|ingest --events N [--db sqlite|postgres --jdbc-url URL]"
                + " | http --clients C --seconds S [--db …] | converge --instances K --events N");
    }

    static String summary(String what, List<Double> values, String unit) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format("%-28s min %10.1f   median %10.1f   max %10.1f  %s", what, sorted.get(0),
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), unit);
    }

    /** Writers at once when a benchmark fills an instance: enough for group commit to batch them. */
    static final int FILL_WRITERS = 16;

    /** Writes {@code posts} posts into {@code hive} through the use cases, as local agents would, several at once. */
    static void fill(HivemeshInstance instance, String hive, int posts, boolean createHive) throws InterruptedException {
        Principal writer = writer(instance);
        if (createHive) {
            instance.service(HiveUseCases.class).createHive(writer, new HiveUseCases.CreateHiveCommand(hive, null));
        }
        writePosts(instance.service(ContentUseCases.class), writer, hive, posts, FILL_WRITERS);
    }

    /** Imports a history file, as a benchmark's source gets its events. */
    static void importInto(HivemeshInstance instance, Path history) throws java.io.IOException {
        try (java.io.InputStream in = Files.newInputStream(history)) {
            instance.service(org.hivemesh.application.portability.port.in.PortabilityUseCases.class)
                    .importLines(in, Optional.empty());
        }
    }

    /** A local agent with a read-write session. */
    static Principal writer(HivemeshInstance instance) {
        AgentUseCases agents = instance.service(AgentUseCases.class);
        String key = agents.createAgent(new AgentUseCases.CreateAgentCommand("bench")).apiKey();
        return agents.authenticate(agents.openSession(new AgentUseCases.OpenSessionCommand(key, Scope.READ_WRITE)).token());
    }

    /** {@code posts} posts through the use case from {@code threads} threads at once, as concurrent API calls make them. */
    static void writePosts(ContentUseCases content, Principal writer, String hive, int posts, int threads)
            throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < posts && failure.get() == null; i = next.getAndIncrement()) {
                    try {
                        content.createPost(writer, new ContentUseCases.CreatePostCommand(hive, "bench post " + i,
                                Optional.of("body " + i + " " + "x".repeat(400)), Optional.empty()));
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** Settings for a store of the kind asked for; PostgreSQL gets a new schema each time. */
    /** Compares event counts first (cheap), and full state digests only once the counts agree. */
    static boolean converged(List<HivemeshInstance> instances, String group) {
        long count = instances.get(0).service(SyncGroupsUseCase.class).eventCount(group);
        for (HivemeshInstance instance : instances) {
            if (instance.service(SyncGroupsUseCase.class).eventCount(group) != count) {
                return false;
            }
        }
        String first = null;
        for (HivemeshInstance instance : instances) {
            GroupStatus status = instance.service(SyncGroupsUseCase.class).group(group);
            String key = status.stateDigest() + "/" + status.eventCount();
            if (first == null) {
                first = key;
            } else if (!first.equals(key)) {
                return false;
            }
        }
        return true;
    }

    @Command(name = "backfill", mixinStandardHelpOptions = true,
            description = "One instance holds N events; a second joins and pulls them all (verify + store + materialize).")
    static final class Backfill implements Callable<Integer> {
        @Option(names = "--events", defaultValue = "10000", description = "events the first instance holds")
        int events;

        @Mixin
        BenchStore store;

        @Override
        public Integer call() throws Exception {
            List<Double> rates = new ArrayList<>();
            List<Double> millis = new ArrayList<>();
            List<Double> heaps = new ArrayList<>();
            System.out.printf("bench backfill: %d events, joining instance on %s, %s%n", events, store.db, store.runs);
            try (Scratch files = Scratch.dir()) {
                Path history = files.dir.resolve("history.jsonl");
                SignedHistory.write(history, "bench", events);
                for (int run = 0; run < store.runs.total(); run++) {
                    backfill(history, run, rates, millis, heaps);
                }
            }
            System.out.println(summary("events/s", rates, "(pull + verify + store + materialize)"));
            System.out.println(summary("time to identical digest", millis, "ms"));
            System.out.println(summary("peak heap", heaps, "MB (whole process, both instances)"));
            return 0;
        }

        private void backfill(Path history, int run, List<Double> rates, List<Double> millis, List<Double> heaps)
                throws Exception {
            try (Scratch room = Scratch.of(store.db, store.jdbcUrl, "backfill" + run);
                 LocalMesh source = new LocalMesh(1, room.dir.resolve("source"), Map.of());
                 LocalMesh joiner = new LocalMesh(1, room.dir.resolve("joiner"), room.storage)) {
                HivemeshInstance a = source.instances.get(0);
                importInto(a, history);
                String group = a.service(SyncGroupsUseCase.class)
                        .createGroup(new SyncGroupsUseCase.CreateGroupCommand("bench", org.hivemesh.domain.group.Consent.OPEN,
                                Optional.empty())).group().groupId();
                long total = a.service(SyncGroupsUseCase.class).group(group).eventCount();
                HivemeshInstance b = joiner.instances.get(0);
                PeakHeap.reset();
                long start = System.nanoTime();
                b.service(SyncPeersUseCase.class).join(new SyncPeersUseCase.JoinCommand(a.baseUrl(), "bench"));
                SyncGroupsUseCase joined = b.service(SyncGroupsUseCase.class);
                while (joined.eventCount(group) < total) {
                    Thread.sleep(5);
                }
                double pulledMs = (System.nanoTime() - start) / 1e6;
                while (!converged(List.of(a, b), group)) {
                    Thread.sleep(20);
                }
                double ms = (System.nanoTime() - start) / 1e6;
                double heap = PeakHeap.megabytes();
                if (store.runs.counted(run)) {
                    millis.add(ms);
                    rates.add(total / (pulledMs / 1000));
                    heaps.add(heap);
                }
                System.out.printf("%s: %d events stored in %.0f ms (%.0f events/s, %.1f µs/event); identical digest"
                        + " after %.0f ms; peak heap %.0f MB%n", store.runs.label(run), total, pulledMs, total / (pulledMs / 1000),
                        pulledMs * 1000 / total, ms, heap);
            }
        }
    }

    @Command(name = "converge", mixinStandardHelpOptions = true,
            description = "K instances in a full mesh each write N events at once; time from the last write to identical digests.")
    static final class Converge implements Callable<Integer> {
        @Option(names = "--instances", defaultValue = "3")
        int instances;

        @Option(names = "--events", defaultValue = "1000", description = "events each instance writes")
        int events;

        @Mixin
        BenchRuns runs;

        @Override
        public Integer call() throws Exception {
            List<Double> millis = new ArrayList<>();
            System.out.printf("bench converge: %d instances, full mesh, %d events each, %s%n", instances, events, runs);
            for (int run = 0; run < runs.total(); run++) {
                try (Scratch room = Scratch.dir(); LocalMesh mesh = new LocalMesh(instances, room.dir, Map.of())) {
                    String group = mesh.fullMesh("bench");
                    long began = System.nanoTime();
                    List<Thread> writers = new ArrayList<>();
                    for (HivemeshInstance instance : mesh.instances) {
                        Thread t = new Thread(() -> {
                            try {
                                fill(instance, "bench", events, false);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
                        t.start();
                        writers.add(t);
                    }
                    for (Thread t : writers) {
                        t.join();
                    }
                    double writeSeconds = (System.nanoTime() - began) / 1e9;
                    long start = System.nanoTime();
                    while (!converged(mesh.instances, group)) {
                        Thread.sleep(20);
                    }
                    double ms = (System.nanoTime() - start) / 1e6;
                    if (runs.counted(run)) {
                        millis.add(ms);
                    }
                    System.out.printf("%s: %d events written in %.1f s (%.0f events/s in all); identical digests %.0f ms"
                            + " after the writes stopped%n", runs.label(run), events * instances, writeSeconds,
                            events * instances / writeSeconds, ms);
                }
            }
            System.out.println(summary("time to identical digest", millis, "ms after writes stop"));
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Export N events to a JSONL file, then import the file into empty stores.")
    static final class Import implements Callable<Integer> {
        @Option(names = "--events", defaultValue = "100000")
        int events;

        @Mixin
        BenchStore store;

        @Override
        public Integer call() throws Exception {
            List<Double> rates = new ArrayList<>();
            List<Double> heaps = new ArrayList<>();
            try (Scratch files = Scratch.dir()) {
                Path file = files.dir.resolve("export.jsonl");
                SignedHistory.write(file, "bench", events);
                System.out.printf("bench import: %d events, %.1f MB file, into %s, %s%n", events, Files.size(file) / 1e6,
                        store.db, store.runs);
                for (int run = 0; run < store.runs.total(); run++) {
                    importOnce(file, run, rates, heaps);
                }
            }
            System.out.println(summary("events/s", rates, "(parse + verify + store + materialize)"));
            System.out.println(summary("peak heap", heaps, "MB"));
            return 0;
        }

        private void importOnce(Path file, int run, List<Double> rates, List<Double> heaps) throws Exception {
            try (Scratch room = Scratch.of(store.db, store.jdbcUrl, "import" + run)) {
                Map<String, String> settings = new HashMap<>(room.storage);
                settings.put("data_dir", room.dir.toString());
                try (HivemeshInstance target = HivemeshInstance.openLocal(org.hivemesh.bootstrap.config.ConfigLoader.load(
                        Optional.empty(), Map.of(), settings));
                     java.io.InputStream in = Files.newInputStream(file)) {
                    PeakHeap.reset();
                    long start = System.nanoTime();
                    var report = target.service(org.hivemesh.application.portability.port.in.PortabilityUseCases.class)
                            .importLines(in, Optional.empty());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double heap = PeakHeap.megabytes();
                    if (store.runs.counted(run)) {
                        rates.add(report.newEvents() / seconds);
                        heaps.add(heap);
                    }
                    System.out.printf("%s: new %d, duplicate %d, rejected %d in %.1f s (%.0f events/s); peak heap %.0f MB%n",
                            store.runs.label(run), report.newEvents(), report.duplicates(), report.rejectedCount(), seconds,
                            report.newEvents() / seconds, heap);
                }
            }
        }
    }
}
