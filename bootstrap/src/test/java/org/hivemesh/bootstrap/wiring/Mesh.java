package org.hivemesh.bootstrap.wiring;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The nodes one test started, stopped together after it, and waiting for what they converge to. */
final class Mesh implements AutoCloseable {
    /** Generous: waits end as soon as the condition holds; only a failing test waits this long. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

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

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, PATIENCE, condition);
    }

    /** For what must happen within a bound the test sets, e.g. a deferred event stored once due. */
    static void await(String what, Duration patience, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
