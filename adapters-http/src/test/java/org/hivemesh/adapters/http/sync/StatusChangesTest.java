package org.hivemesh.adapters.http.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The signal the console's status streams wait on instead of a timer. */
class StatusChangesTest {
    private final StatusChanges changes = new StatusChanges();

    @Test
    void aWaiterWakesOnTheNextChangeLongBeforeItsTimeout() throws Exception {
        long seen = changes.version();
        CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return changes.awaitPast(seen, 60_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        changes.eventsStored("grp_1");

        assertThat(waiter.get(10, TimeUnit.SECONDS)).isGreaterThan(seen);
    }

    @Test
    void withoutAChangeTheWaitEndsAtItsTimeoutWithTheSameVersion() throws Exception {
        long seen = changes.version();
        long started = System.nanoTime();

        long after = changes.awaitPast(seen, 200);

        assertThat(after).isEqualTo(seen);
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(190));
    }

    @Test
    void everyRoundOutcomeCountsAsAChange() throws Exception {
        long before = changes.version();

        changes.failed("peer_1", Optional.empty());
        changes.retryScheduled("peer_1");

        assertThat(changes.awaitPast(before, 0)).isEqualTo(before + 2);
    }
}
