package org.hivemesh.adapters.peers.transport;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.hivemesh.application.sync.port.in.DeferredEventsUseCase;
import org.hivemesh.application.sync.port.in.HeartbeatUseCase;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase;
import org.hivemesh.application.sync.port.out.PeerSchedule;
import org.hivemesh.application.sync.port.out.SyncSignals;
import org.hivemesh.application.sync.port.out.SyncTelemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives outbound sync: a round with a peer when something changed or its heartbeat is due; after a
 * failure, the next try waits an exponentially growing, jittered delay (1 s up to the cap), and a
 * per-peer circuit breaker stops calls to a peer that keeps failing until the cap has passed. Every failed attempt is
 * a WARN line naming the peer, the group and the step; the first success after failures is an INFO line.
 */
public final class SyncWorkers implements SyncSignals, PeerSchedule, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncWorkers.class);

    public record Settings(Duration heartbeatInterval, Duration minBackoff, Duration maxBackoff, int threads) {
    }

    /** What a round runs; supplied late because the use cases signal these workers. */
    public record Work(PeerRoundUseCase rounds, HeartbeatUseCase heartbeats, DeferredEventsUseCase deferred) {
    }

    private final Supplier<Work> work;
    private final Settings settings;
    private final SyncTelemetry telemetry;
    private final IntervalFunction backoff;
    private final CircuitBreakerConfig breakerConfig;
    private final Map<String, PeerState> peers = new ConcurrentHashMap<>();
    private final Object wake = new Object();
    /** Guarded by {@link #wake}: a signal that came while the scheduler was not waiting is not lost. */
    private boolean woken;
    private ExecutorService pool;
    private Thread scheduler;
    private volatile boolean running;

    private static final class PeerState {
        volatile boolean dirty = true;
        volatile boolean busy;
        volatile long notBefore;
        volatile long nextRound;
        volatile int failures;
        volatile long lastSuccess;
        /** The round's exchange is done: a failure now comes from the heartbeat. */
        volatile boolean exchanged;
        volatile String name;
        CircuitBreaker breaker;
    }

    public SyncWorkers(Supplier<Work> work, Settings settings, SyncTelemetry telemetry) {
        this.work = work;
        this.settings = settings;
        this.telemetry = telemetry;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.minBackoff().toMillis(), 2.0, 0.5,
                settings.maxBackoff().toMillis());
        this.breakerConfig = CircuitBreakerConfig.custom().slidingWindowSize(10).minimumNumberOfCalls(5)
                .failureRateThreshold(80).waitDurationInOpenState(settings.maxBackoff())
                .permittedNumberOfCallsInHalfOpenState(1).build();
    }

    public synchronized void start() {
        running = true;
        pool = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "hivemesh-sync");
            t.setDaemon(true);
            return t;
        });
        scheduler = new Thread(this::schedule, "hivemesh-sync-scheduler");
        scheduler.setDaemon(true);
        scheduler.start();
    }

    @Override
    public void eventsStored(String groupId) {
        peers.values().forEach(p -> p.dirty = true);
        wakeUp();
    }

    @Override
    public void peerChanged(String peerId) {
        PeerState state = peers.computeIfAbsent(peerId, id -> newState(id));
        state.dirty = true;
        state.notBefore = 0;
        wakeUp();
    }

    private PeerState newState(String peerId) {
        PeerState state = new PeerState();
        state.breaker = CircuitBreaker.of("peer-" + peerId, breakerConfig);
        return state;
    }

    private void wakeUp() {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    /** Events held back for their clock are looked at this often. */
    private static final long RELEASE_INTERVAL_MILLIS = 1000;
    /**
     * Passes over the peers are at least this far apart: every commit signals, and a pass reads the peer list, so
     * under a stream of writes the signals within one spacing share a pass (and a round) instead of each paying one.
     */
    static final long PASS_SPACING_MILLIS = 20;

    private void schedule() {
        long nextRelease = 0;
        while (running) {
            long now = System.currentTimeMillis();
            try {
                if (now >= nextRelease) {
                    nextRelease = now + RELEASE_INTERVAL_MILLIS;
                    int released = work.get().deferred().releaseDue();
                    if (released > 0) {
                        LOG.info("stored {} events whose clock has come", released);
                    }
                }
                List<String> peerIds = work.get().rounds().peerIds();
                for (String peerId : peerIds) {
                    PeerState state = peers.computeIfAbsent(peerId, this::newState);
                    boolean due = (state.dirty || now >= state.nextRound) && now >= state.notBefore;
                    if (due && !state.busy) {
                        state.busy = true;
                        state.dirty = false;
                        pool.execute(() -> round(peerId, state));
                    }
                }
                peers.keySet().retainAll(peerIds);
            } catch (RuntimeException e) {
                LOG.warn("sync scheduler: {}", e.toString());
            }
            try {
                synchronized (wake) {
                    if (!woken && running) {
                        wake.wait(250);
                    }
                    woken = false;
                }
                long rest = PASS_SPACING_MILLIS - (System.currentTimeMillis() - now);
                if (rest > 0 && running) {
                    Thread.sleep(rest);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void round(String peerId, PeerState state) {
        try {
            boolean heartbeatDue = System.currentTimeMillis() >= state.nextRound;
            state.exchanged = false;
            PeerRoundUseCase.Round round = state.breaker.executeSupplier(() -> {
                PeerRoundUseCase.Round r = work.get().rounds().syncWith(peerId);
                state.exchanged = true;
                if (heartbeatDue) {
                    work.get().heartbeats().sendTo(peerId);
                }
                return r;
            });
            if (round.moved() > 0 || round.quarantined() > 0) {
                LOG.info("peer {}: pushed {}, pulled {}, quarantined {}", peerId, round.pushed(), round.pulled(),
                        round.quarantined());
            }
            round.groups().forEach(g -> telemetry.exchanged(peerId, g));
            if (state.failures > 0) {
                LOG.info("peer {} ({}): sync recovered after {} failed attempts", peerId,
                        state.name == null ? "?" : state.name, state.failures);
            }
            state.failures = 0;
            state.notBefore = 0;
            state.lastSuccess = System.currentTimeMillis();
            state.nextRound = state.lastSuccess + settings.heartbeatInterval().toMillis();
        } catch (CallNotPermittedException e) {
            state.notBefore = System.currentTimeMillis() + settings.maxBackoff().toMillis();
            state.dirty = true;
            LOG.debug("peer {}: circuit open, next try in {} ms", peerId, settings.maxBackoff().toMillis());
        } catch (RuntimeException e) {
            state.failures++;
            long delay = Math.min(backoff.apply(state.failures), settings.maxBackoff().toMillis());
            state.notBefore = System.currentTimeMillis() + delay;
            state.dirty = true;
            failed(peerId, state, e, delay);
        } finally {
            state.busy = false;
            wakeUp();
        }
    }

    private void failed(String peerId, PeerState state, RuntimeException e, long delay) {
        String error = e.getMessage() == null ? e.toString() : e.getMessage();
        PeerRoundUseCase.Failure failure;
        try {
            failure = work.get().rounds().recordFailure(peerId, error);
        } catch (RuntimeException unrecorded) {
            LOG.debug("could not record failure for {}", peerId, unrecorded);
            failure = new PeerRoundUseCase.Failure(Optional.empty(), state.failures, Optional.empty(), Optional.empty());
        }
        failure.peerName().ifPresent(name -> state.name = name);
        Optional<PeerRoundUseCase.Step> step = state.exchanged
                ? Optional.of(new PeerRoundUseCase.Step(PeerRoundUseCase.Phase.HEARTBEAT, Optional.empty(), Optional.empty()))
                : failure.step();
        telemetry.failed(peerId, step);
        telemetry.retryScheduled(peerId);
        String where = step.map(s -> s.hive().map(h -> "group " + h + s.groupId().map(g -> " (" + g + ")").orElse("") + ": ")
                .orElse("") + s.phase().wire() + " failed").orElse("round failed");
        LOG.warn("peer {} ({}) {}: {}; attempt {}, status {}, next try in {} ms", peerId,
                state.name == null ? "?" : state.name, where, error, failure.consecutiveFailures(),
                failure.status().map(st -> st.wire()).orElse("forgotten"), delay);
    }

    @Override
    public Optional<Retry> of(String peerId) {
        PeerState state = peers.get(peerId);
        if (state == null) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        long notBefore = state.notBefore;
        long success = state.lastSuccess;
        return Optional.of(new Retry(state.failures,
                notBefore > now ? Optional.of(Instant.ofEpochMilli(notBefore)) : Optional.empty(),
                success > 0 ? Optional.of(Instant.ofEpochMilli(success)) : Optional.empty(),
                state.breaker.getState() == CircuitBreaker.State.OPEN));
    }

    @Override
    public synchronized void close() {
        running = false;
        wakeUp();
        if (scheduler != null) {
            // Not interrupted: an interrupt inside a store call would fail it with a misleading WARN at shutdown.
            try {
                scheduler.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
