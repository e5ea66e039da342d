package org.hivemesh.adapters.http.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Prometheus registry for /metrics: HTTP requests by route and status, and JVM memory and threads. */
public final class HttpMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

    public HttpMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    public void recordRequest(String method, String route, int status) {
        Counter.builder("hivemesh_http_requests").tag("method", method).tag("route", route)
                .tag("status", String.valueOf(status)).register(registry).increment();
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
}
