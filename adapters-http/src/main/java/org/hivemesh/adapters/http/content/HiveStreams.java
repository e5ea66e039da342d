package org.hivemesh.adapters.http.content;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hivemesh.adapters.http.ops.HttpMetrics;
import org.hivemesh.application.content.port.out.EventSignals;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans stored events out to the clients of /api/v1/hives/{name}/stream. The intake only marks a group as changed;
 * one dispatcher thread reads the new events once per group and offers them to each client's bounded queue. A client
 * whose queue is full is too slow: it is dropped (its stream ends; it may resume with Last-Event-ID), so no client
 * ever holds back the intake or the others.
 */
public final class HiveStreams implements EventSignals, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HiveStreams.class);
    private static final int PAGE = 500;

    /** {@code buffer}: events queued per client before it counts as too slow. */
    public record Settings(int buffer, Duration keepAlive) {
        public static final Settings DEFAULT = new Settings(1000, Duration.ofSeconds(15));

        public Settings {
            if (buffer < 1) {
                throw new IllegalArgumentException("stream_buffer_events must be at least 1");
            }
        }
    }

    private final EventStore events;
    private final Settings settings;
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final Object wake = new Object();
    private final AtomicInteger clients = new AtomicInteger();
    private final Counter dropped;
    /** Started with the first client: a store opened for a local command never streams. */
    private Thread dispatcher;
    private volatile boolean open = true;

    private static final class Group {
        final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
        long dispatched;
    }

    /** One client's queue; {@link #next} gives what to send, or empty when the stream is to end. */
    public final class Subscription implements AutoCloseable {
        private final String groupId;
        private final BlockingQueue<StoredEvent> queue;
        private volatile boolean ended;

        private Subscription(String groupId) {
            this.groupId = groupId;
            this.queue = new ArrayBlockingQueue<>(settings.buffer());
        }

        /** The next event, null after the keep-alive interval with none; throws {@link Ended} once dropped or closed. */
        public StoredEvent next() throws InterruptedException, Ended {
            if (ended) {
                throw new Ended();
            }
            StoredEvent event = queue.poll(settings.keepAlive().toMillis(), TimeUnit.MILLISECONDS);
            if (event == null && ended) {
                throw new Ended();
            }
            return event;
        }

        public Duration keepAlive() {
            return settings.keepAlive();
        }

        private boolean offer(StoredEvent event) {
            return queue.offer(event);
        }

        @Override
        public void close() {
            ended = true;
            Group group = groups.get(groupId);
            if (group != null && group.subscribers.remove(this)) {
                clients.decrementAndGet();
            }
        }
    }

    /** The stream ends: the client was too slow, or the server is stopping. */
    public static final class Ended extends Exception {
        Ended() {
            super(null, null, false, false);
        }
    }

    public HiveStreams(EventStore events, Settings settings, HttpMetrics metrics) {
        this.events = events;
        this.settings = settings;
        Gauge.builder("hivemesh_stream_clients", clients, AtomicInteger::get)
                .description("clients connected to a hive's event stream").register(metrics.registry());
        dropped = Counter.builder("hivemesh_stream_dropped").description("stream clients dropped for reading too slowly")
                .register(metrics.registry());
    }

    private synchronized void startDispatcher() {
        if (dispatcher == null) {
            dispatcher = new Thread(this::dispatch, "hivemesh-stream");
            dispatcher.setDaemon(true);
            dispatcher.start();
        }
    }

    /** Live events of the group from now on; the caller sends what it missed before from the store. */
    public Subscription subscribe(String groupId) {
        startDispatcher();
        Subscription subscription = new Subscription(groupId);
        groups.compute(groupId, (id, group) -> {
            Group g = group == null ? new Group() : group;
            if (g.subscribers.isEmpty()) {
                synchronized (g) {
                    g.dispatched = events.currentSeq(id);
                }
            }
            g.subscribers.add(subscription);
            return g;
        });
        clients.incrementAndGet();
        return subscription;
    }

    @Override
    public void eventsStored(String groupId) {
        if (groups.containsKey(groupId)) {
            changed.add(groupId);
            synchronized (wake) {
                wake.notifyAll();
            }
        }
    }

    private void dispatch() {
        while (open) {
            for (String groupId : List.copyOf(changed)) {
                changed.remove(groupId);
                Group group = groups.get(groupId);
                if (group != null) {
                    try {
                        deliver(groupId, group);
                    } catch (RuntimeException e) {
                        LOG.warn("stream of group {}: {}", groupId, e.toString());
                        changed.add(groupId);
                    }
                }
            }
            synchronized (wake) {
                if (changed.isEmpty() && open) {
                    try {
                        wake.wait(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private void deliver(String groupId, Group group) {
        synchronized (group) {
            List<StoredEvent> page;
            do {
                page = events.read(groupId, group.dispatched, PAGE);
                for (StoredEvent event : page) {
                    for (Subscription s : group.subscribers) {
                        if (!s.offer(event)) {
                            s.close();
                            dropped.increment();
                            LOG.info("stream client of group {} dropped: {} events unread", groupId, settings.buffer());
                        }
                    }
                    group.dispatched = event.seq();
                }
            } while (page.size() == PAGE);
        }
        groups.computeIfPresent(groupId, (id, g) -> g.subscribers.isEmpty() ? null : g);
    }

    /** Ends every stream, so that the server's graceful stop does not wait for them. */
    @Override
    public void close() {
        open = false;
        groups.values().forEach(g -> g.subscribers.forEach(Subscription::close));
        synchronized (wake) {
            wake.notifyAll();
        }
    }
}
