package org.hivemesh.bootstrap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.agents.port.in.Scope;
import org.hivemesh.application.content.port.in.HiveUseCases;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "http", mixinStandardHelpOptions = true,
        description = "C clients post to one instance over real HTTP for S seconds: requests/s, latency, errors.")
final class HttpBench implements Callable<Integer> {
    @Option(names = "--clients", defaultValue = "50")
    int clients;

    @Option(names = "--seconds", defaultValue = "10")
    int seconds;

    @Mixin
    BenchStore store;

    @Override
    public Integer call() throws Exception {
        System.out.printf("bench http: %d clients posting for %d s, on %s, %s%n", clients, seconds, store.db, store.runs);
        // The JDK keeps 5 idle connections per server unless told otherwise: every client keeps its own.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", String.valueOf(Math.max(5, clients)));
        }
        List<Double> rates = new ArrayList<>();
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        List<Double> maxes = new ArrayList<>();
        long errorsInAll = 0;
        for (int run = 0; run < store.runs.total(); run++) {
            try (Scratch room = Scratch.of(store.db, store.jdbcUrl, "http" + run);
                 LocalMesh mesh = new LocalMesh(1, room.dir, room.storage)) {
                HivemeshInstance instance = mesh.instances.get(0);
                AgentUseCases agents = instance.service(AgentUseCases.class);
                String key = agents.createAgent(new AgentUseCases.CreateAgentCommand("bench")).apiKey();
                String token = agents.openSession(new AgentUseCases.OpenSessionCommand(key, Scope.READ_WRITE)).token();
                Principal writer = agents.authenticate(token);
                instance.service(HiveUseCases.class).createHive(writer, new HiveUseCases.CreateHiveCommand("bench", null));
                Result r = load(instance.baseUrl(), token);
                double rate = r.latencies.length / r.seconds;
                if (store.runs.counted(run)) {
                    errorsInAll += r.errors;
                    rates.add(rate);
                    p50s.add(r.percentile(50));
                    p99s.add(r.percentile(99));
                    maxes.add(r.percentile(100));
                }
                System.out.printf("%s: %d requests in %.1f s (%.0f requests/s); latency p50 %.1f ms, p99 %.1f ms,"
                                + " max %.1f ms; %d errors%n", store.runs.label(run), r.latencies.length, r.seconds, rate, r.percentile(50),
                        r.percentile(99), r.percentile(100), r.errors);
            }
        }
        System.out.println(BenchCommand.summary("requests/s", rates, ""));
        System.out.println(BenchCommand.summary("latency p50", p50s, "ms"));
        System.out.println(BenchCommand.summary("latency p99", p99s, "ms"));
        System.out.println(BenchCommand.summary("latency max", maxes, "ms"));
        System.out.printf("errors in all runs: %d%n", errorsInAll);
        return 0;
    }

    private record Result(double[] latencies, long errors, double seconds) {
        double percentile(int p) {
            if (latencies.length == 0) {
                return 0;
            }
            int at = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, at))];
        }
    }

    /**
     * Each client posts, waits for the answer and posts again until the time is up; only 201s count as done. The
     * clients use the JDK's blocking HttpURLConnection, which keeps each thread's connection open between posts and
     * costs the process far less CPU than the asynchronous HttpClient, so more of the two cores serve the requests.
     */
    private Result load(String base, String token) throws InterruptedException {
        URL url;
        try {
            url = URI.create(base + "/api/v1/hives/bench/posts").toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
        AtomicLong errors = new AtomicLong();
        List<List<Double>> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        for (int c = 0; c < clients; c++) {
            List<Double> mine = new ArrayList<>();
            perClient.add(mine);
            int client = c;
            Thread t = new Thread(() -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                    byte[] body = ("{\"title\":\"client " + client + " post " + i + "\",\"content\":\"" + "x".repeat(400)
                            + "\"}").getBytes(StandardCharsets.UTF_8);
                    long sent = System.nanoTime();
                    try {
                        if (post(url, token, body) == 201) {
                            mine.add((System.nanoTime() - sent) / 1e6);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double[] all = perClient.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(all);
        return new Result(all, errors.get(), elapsed);
    }

    /** One post; the response is read to its end so that the connection is kept for the next one. */
    private static int post(URL url, String token, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(30_000);
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        connection.setRequestProperty("Authorization", "Bearer " + token);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        return status;
    }
}
