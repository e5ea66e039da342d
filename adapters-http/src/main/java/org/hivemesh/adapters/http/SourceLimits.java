package org.hivemesh.adapters.http;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rate limit per source address (resilience4j), for what strangers may do before proving anything: handshakes,
 * failed logins. The most recently seen addresses are remembered, never more than {@code maxSources}.
 */
public final class SourceLimits {
    private final RateLimiterConfig config;
    private final Map<String, RateLimiter> limiters;

    public SourceLimits(int permits, Duration period, int maxSources) {
        this.config = RateLimiterConfig.custom().limitForPeriod(permits).limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO).build();
        this.limiters = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
                return size() > maxSources;
            }
        };
    }

    private synchronized RateLimiter of(String source) {
        return limiters.computeIfAbsent(source, s -> RateLimiter.of("source-" + s, config));
    }

    /** Takes one permit; false when this source has used up its permits for the period. */
    public boolean tryAcquire(String source) {
        return of(source).acquirePermission();
    }

    /** Whether this source has a permit left, without taking it. */
    public boolean hasPermits(String source) {
        return of(source).getMetrics().getAvailablePermissions() > 0;
    }

    public long secondsUntilRefill() {
        return Math.max(1, config.getLimitRefreshPeriod().toSeconds());
    }
}
