package org.hivemesh.bootstrap.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
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
        List<Double> rates = new ArrayList<>();
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        List<Double> maxes = new ArrayList<>();
        long errorsInAll = 0;
        for (int run = 0; run < store.runs.total(); run++) {
            try (LocalMesh mesh = new LocalMesh(1, Files.createTempDirectory("hivemesh-bench"),
                    BenchCommand.storage(store.db, store.jdbcUrl, "http" + run))) {
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

    /** Each client posts, waits for the answer and posts again until the time is up; only 201s count as done. */
    private Result load(String base, String token) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(base + "/api/v1/hives/bench/posts");
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
                    String body = "{\"title\":\"client " + client + " post " + i + "\",\"content\":\"" + "x".repeat(400) + "\"}";
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 201) {
                            mine.add((System.nanoTime() - sent) / 1e6);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
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
}
