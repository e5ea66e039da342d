package org.hivemesh.bootstrap.wiring;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The nodes one test started, stopped together after it, and waiting for what they converge to. The waits here are
 * the only place the integration tests pause: each polls its condition until it holds or its deadline passes.
 */
public final class Mesh implements AutoCloseable {
    /** Generous: waits end as soon as the condition holds; only a failing test waits this long. */
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /**
     * For proofs that a few sync rounds have run since some moment: test nodes heartbeat every second, so this takes
     * seconds; the rest is room for a slow machine.
     */
    static final Duration A_FEW_ROUNDS = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 200;

    private final List<Node> nodes = new ArrayList<>();

    Node node(String name, Map<String, String> settings) throws IOException {
        Node node = new Node(name).start(settings);
        nodes.add(node);
        return node;
    }

    @Override
    public void close() {
        nodes.forEach(Node::stop);
    }

    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, PATIENCE, condition);
    }

    /** For what must happen within a bound the test sets, e.g. a deferred event stored once due. */
    public static void await(String what, Duration patience, BooleanSupplier condition) throws InterruptedException {
        awaitValue(what, patience, condition::getAsBoolean, Boolean::booleanValue);
    }

    /**
     * Polls {@code probe} until its value satisfies {@code done} and returns that value; a timeout names the last value
     * seen. The condition is always looked at at least once, even with no patience left.
     */
    public static <T> T awaitValue(String what, Duration patience, Supplier<T> probe, Predicate<? super T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("timed out after " + patience.toMillis() + " ms waiting for " + what
                        + "; last seen: " + value);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** What is left until {@code deadline} (a {@link System#nanoTime()}), for waits that share one time budget. */
    public static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** Until every node holds the group with one digest and one event count. */
    static void awaitConvergence(String group, Node... nodes) throws InterruptedException {
        awaitConvergence(group, PATIENCE, nodes);
    }

    static void awaitConvergence(String group, Duration patience, Node... nodes) throws InterruptedException {
        awaitValue("one digest and event count on " + Arrays.stream(nodes).map(n -> n.name).toList(), patience,
                () -> Arrays.stream(nodes).collect(Collectors.toMap(n -> n.name,
                        n -> n.digest(group) + "/" + n.eventCount(group), (x, y) -> x, LinkedHashMap::new)),
                states -> Set.copyOf(states.values()).size() == 1);
    }
}
