package org.hivemesh.bootstrap.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start instances on loopback (three by default), share a hive between them, write on all of "
                + "them and watch them converge.")
final class DemoCommand implements Callable<Integer> {
    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(120);

    @Option(names = "--data-dir", description = "where the instances keep their stores (default: a new temp dir)")
    Path dataDir;

    @Option(names = "--posts", defaultValue = "20", description = "posts each instance writes (default 20)")
    int posts;

    @Option(names = "--exit", description = "stop once the instances have converged instead of serving on")
    boolean exitWhenConverged;

    @Option(names = "--instances", defaultValue = "3", description = "how many instances (default 3)")
    int count;

    @Option(names = "--discovery", defaultValue = "manual",
            description = "manual: every instance joins every earlier one; gossip: each knows only the one before it")
    String discovery;

    @Override
    public Integer call() throws Exception {
        if (!discovery.equals("manual") && !discovery.equals("gossip")) {
            throw new IllegalArgumentException("--discovery must be manual or gossip");
        }
        PrintStream out = System.out;
        boolean temporary = dataDir == null;
        Path base = temporary ? Files.createTempDirectory("hivemesh-demo") : dataDir;
        // Kept after the demo (outside a temporary data dir) so its log can be read once it is gone.
        Path logFile = temporary ? Files.createTempFile("hivemesh-demo-", ".log") : base.resolve("demo.log");
        out.println("Log: " + logFile);
        int code;
        try (DemoLog log = DemoLog.to(logFile); LocalMesh mesh = new LocalMesh(count, base, Map.of())) {
            code = run(out, mesh, base);
        }
        if (temporary && exitWhenConverged) {
            Scratch.deleteTree(base);
            out.println("Removed " + base + ".");
        }
        return code;
    }

    private int run(PrintStream out, LocalMesh mesh, Path base) throws Exception {
        out.println("Started " + count + " instances (data in " + base + "):");
        for (int i = 0; i < count; i++) {
            out.println("  instance " + (i + 1) + "  " + mesh.admins.get(i).base + "  " + mesh.instances.get(i).identity().instanceId());
        }
        String group;
        if (discovery.equals("gossip")) {
            group = mesh.chain("demo");
            out.println("Hive 'demo' created on instance 1; instance k+1 was told only about instance k.");
            out.println("Waiting for gossip to grow the chain into a full mesh...");
            long meshDeadline = System.nanoTime() + TIMEOUT.toNanos();
            while (java.util.stream.IntStream.range(0, count).anyMatch(i -> mesh.linkedPeers(i, group) < count - 1)) {
                if (System.nanoTime() > meshDeadline) {
                    System.err.println("hivemesh demo: gossip did not build a full mesh within " + TIMEOUT.toSeconds() + " s");
                    return 1;
                }
                Thread.sleep(250);
            }
            out.println("Full mesh: every instance is linked to the other " + (count - 1) + ".");
        } else {
            group = mesh.fullMesh("demo");
            out.println("Hive 'demo' created on instance 1 and joined by the others (group " + group + ").");
        }
        out.println("Writing " + posts + " posts with comments and votes on every instance at once...");
        long start = System.nanoTime();
        List<Thread> writers = new ArrayList<>();
        List<MeshClient> agents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MeshClient agent = new MeshClient(mesh.admins.get(i).base, mesh.adminToken).login("agent" + (i + 1));
            agents.add(agent);
            int n = i + 1;
            Thread writer = new Thread(() -> write(agent, n));
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }
        DemoTable table = new DemoTable(System.console() != null);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            if (System.nanoTime() > deadline) {
                System.err.println("hivemesh demo: no convergence within " + TIMEOUT.toSeconds() + " s; see the log");
                return 1;
            }
            java.util.Set<String> states = new java.util.HashSet<>();
            List<DemoTable.Row> rows = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                JsonObject g = mesh.group(i, group);
                long lag = 0;
                long behind = 0;
                for (JsonValue p : ((JsonValue.JsonArray) g.required("peers")).items()) {
                    lag += (long) ((JsonObject) p).number("lag");
                    behind += (long) ((JsonObject) p).number("behind");
                }
                states.add(g.string("state_digest") + "/" + (long) g.number("event_count"));
                rows.add(new DemoTable.Row("#" + (i + 1), (long) g.number("event_count"), lag, behind,
                        g.string("state_digest").substring(0, 16)));
            }
            out.print(table.render(rows));
            out.flush();
            if (states.size() == 1) {
                break;
            }
            Thread.sleep(500);
        }
        out.printf("All %d digests match: converged %d ms after the writes began.%n", count,
                (System.nanoTime() - start) / 1_000_000);
        out.println();
        out.println("Try it (any instance shows the same hive):");
        for (int i = 0; i < count; i++) {
            out.println("  curl -s " + mesh.admins.get(i).base + "/api/v1/hives/demo/feed?limit=5 -H 'Authorization: Bearer "
                    + agents.get(i).token() + "'");
        }
        out.println("  curl -s " + mesh.admins.get(0).base + "/api/v1/sync/status -H 'Authorization: Bearer " + mesh.adminToken + "'");
        if (exitWhenConverged) {
            return 0;
        }
        out.println("Serving until Ctrl-C; the data stays in " + base + ".");
        Thread.currentThread().join();
        return 0;
    }

    private void write(MeshClient agent, int instance) {
        for (int p = 0; p < posts; p++) {
            String postId = agent.write("POST", "/api/v1/hives/demo/posts",
                    "{\"title\":\"Post " + p + " from instance " + instance + "\"}").string("post_id");
            agent.write("POST", "/api/v1/posts/" + postId + "/comments", "{\"content\":\"a comment\"}");
            agent.write("POST", "/api/v1/votes", "{\"target_type\":\"post\",\"target_id\":\"" + postId + "\",\"value\":1}");
        }
    }
}
