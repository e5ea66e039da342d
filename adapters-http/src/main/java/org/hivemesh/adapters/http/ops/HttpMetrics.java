package org.hivemesh.adapters.http.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Prometheus registry for /metrics: HTTP requests by route template and status with latency histograms, JVM
 * memory, threads and GC, process CPU, uptime and file descriptors. Every meter carries a description, so every
 * family has its HELP line.
 */
public final class HttpMetrics implements AutoCloseable {
    /** Bucket bounds of the request latency histogram. */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public HttpMetrics() {
        // Two of Micrometer's names fail promtool's lint: CPU time in "ns" (the standard name, in seconds, is added
        // below) and a gauge ending in "_count".
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")
                || id.getName().equals("system.cpu.count")));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        gc.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time used by the process").register(registry);
        }
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Free and total bytes of the disk holding {@code dataDir}, for the disk alert. */
    public HttpMetrics watchDisk(File dataDir) {
        new DiskSpaceMetrics(dataDir).bindTo(registry);
        return this;
    }

    /** {@code route} is the matched route template, e.g. {@code /api/v1/posts/{post_id}}, never the raw path. */
    public void recordRequest(String method, String route, int status, Duration took) {
        String code = String.valueOf(status);
        Counter.builder("hivemesh_http_requests").description("HTTP requests answered, by method, route template and status")
                .tag("method", method).tag("route", route).tag("status", code).register(registry).increment();
        Timer.builder("hivemesh_http_request_duration").description("time to answer an HTTP request, by route template")
                .tag("method", method).tag("route", route).tag("status", code)
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry).record(took);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Gauges computed from application state register a refresh here; it runs on every scrape. */
    public void refreshBeforeScrape(Runnable refresh) {
        beforeScrape.add(refresh);
    }

    public String scrape() {
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    /** Unhooks the GC listeners from the JVM, which outlives this instance in tests and embedded use. */
    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
