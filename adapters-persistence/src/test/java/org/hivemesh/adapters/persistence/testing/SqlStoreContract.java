package org.hivemesh.adapters.persistence.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.application.contract.GovernanceStoreContract;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.contract.Stores;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.hive.HiveRules;
import org.hivemesh.domain.hive.HiveState;
import org.hivemesh.domain.testing.Events;
import org.hivemesh.domain.testing.HistoryGenerator;
import org.junit.jupiter.api.Test;

/** The storage contract plus what only a real database can promise: atomic rollback. */
public abstract class SqlStoreContract extends GovernanceStoreContract {
    protected abstract Database database();

    @Override
    protected Stores stores() {
        Database db = database();
        return new Stores(db.events(), db.state(), db.hives(), db.credentials(), db.audit(), db.identity(),
                db.transactions(), db.sync(),
                db.consent(), db.hub(), db.oversight());
    }

    @Test
    void aFailedTransactionStoresNeitherEventsNorState() {
        String group = unique("grp_tx");
        Event post = Events.event(group, "inst_a", new Hlc(5000, 0), new EventPayload.PostCreated("t",
                Optional.empty(), Optional.empty(), Events.agent("inst_a", "alice")));

        assertThatThrownBy(() -> stores().transactions().inTransaction(() -> {
            stores().events().append(group, List.of(post));
            stores().state().apply(group, HistoryGenerator.owner(), List.of(post));
            throw new IllegalStateException("crash before commit");
        })).hasMessageContaining("crash before commit");

        assertThat(stores().events().count(group)).isZero();
        assertThat(stores().events().currentSeq(group)).isZero();
        assertThat(stores().state().groupOf(org.hivemesh.domain.hive.EntityKind.POST, HiveRules.postId(post))).isEmpty();
    }

    /** Group commit: writers that wait together share a transaction, yet each one commits or fails alone. */
    @Test
    void aRolledBackHiveMoveLeavesTheHiveAsItWas() {
        String name = "hive" + System.nanoTime();
        HiveRecord hive = new HiveRecord(name, "grp_h" + System.nanoTime(), "inst_a", "agt_1",
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        stores().hives().create(hive);
        assertThat(stores().hives().byName(name)).contains(hive);
        HiveRecord adopted = new HiveRecord(name, "grp_r" + System.nanoTime(), "inst_c", "agt_3", hive.createdAt());

        assertThatThrownBy(() -> stores().transactions().inTransaction(() -> {
            stores().hives().rehome(adopted);
            assertThat(stores().hives().byName(name)).contains(adopted);
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");

        assertThat(stores().hives().byName(name)).contains(hive);
        assertThat(stores().hives().byGroup(hive.groupId())).contains(hive);
        assertThat(stores().hives().byGroup(adopted.groupId())).isEmpty();
    }

    @Test
    void concurrentWritersEachCommitOrFailAloneWhileTheyShareACommit() throws Exception {
        String group = unique("grp_gc");
        List<Event> posts = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            posts.add(Events.event(group, "inst_a", new Hlc(5000 + i, 0), new EventPayload.PostCreated("post " + i,
                    Optional.empty(), Optional.empty(), Events.agent("inst_a", "alice"))));
        }
        CountDownLatch queued = new CountDownLatch(posts.size());
        ExecutorService writers = Executors.newFixedThreadPool(posts.size() + 1);
        try {
            // The first write holds the writer while the others queue up behind it, so they go as one group.
            Future<?> holder = writers.submit(() -> stores().transactions().inTransaction(() -> {
                awaitQuietly(queued);
                return null;
            }));
            List<Future<?>> outcomes = new ArrayList<>();
            for (int i = 0; i < posts.size(); i++) {
                Event post = posts.get(i);
                boolean fails = i % 5 == 0;
                outcomes.add(writers.submit(() -> {
                    queued.countDown();
                    return stores().transactions().inTransaction(() -> {
                        stores().events().append(group, List.of(post));
                        stores().state().apply(group, HistoryGenerator.owner(), List.of(post));
                        if (fails) {
                            throw new IllegalStateException("refused after writing");
                        }
                        return null;
                    });
                }));
            }
            holder.get(60, TimeUnit.SECONDS);
            List<Event> committed = new ArrayList<>();
            for (int i = 0; i < posts.size(); i++) {
                if (i % 5 == 0) {
                    Future<?> failed = outcomes.get(i);
                    assertThatThrownBy(() -> failed.get(60, TimeUnit.SECONDS)).hasRootCauseMessage("refused after writing");
                } else {
                    outcomes.get(i).get(60, TimeUnit.SECONDS);
                    committed.add(posts.get(i));
                }
            }

            assertThat(stores().events().count(group)).isEqualTo(committed.size());
            assertThat(stores().events().currentSeq(group)).isEqualTo(committed.size());
            assertThat(stores().state().stateDigest(group))
                    .isEqualTo(HiveState.project(HistoryGenerator.owner(), committed).stateDigest());
            for (int i = 0; i < posts.size(); i += 5) {
                assertThat(stores().events().find(group, posts.get(i).id())).isEmpty();
            }
        } finally {
            writers.shutdownNow();
        }
    }

    /**
     * Batched writes that wait together run in one call; an item failed by the call fails alone, and a call that
     * throws is rolled back and its items run again one by one, so only the item that throws alone fails.
     */
    @Test
    void itemsOfABatchShareOneCallAndAThrowingCallIsRetriedItemByItem() throws Exception {
        String group = unique("grp_batch");
        List<Event> posts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            posts.add(Events.event(group, "inst_a", new Hlc(7000 + i, 0), new EventPayload.PostCreated("post " + i,
                    Optional.empty(), Optional.empty(), Events.agent("inst_a", "alice"))));
        }
        Event poison = posts.get(13);
        List<Integer> callSizes = java.util.Collections.synchronizedList(new ArrayList<>());
        Transactions.Batch<Event, String> batch = items -> {
            callSizes.add(items.size());
            List<Event> kept = items.stream().filter(e -> posts.indexOf(e) % 7 != 0).toList();
            stores().events().append(group, kept);
            stores().state().apply(group, HistoryGenerator.owner(), kept);
            if (items.contains(poison)) {
                throw new IllegalStateException("poisoned after writing");
            }
            return items.stream().map(e -> posts.indexOf(e) % 7 == 0
                    ? Transactions.Outcome.<String>failed(new IllegalArgumentException("refused " + posts.indexOf(e)))
                    : Transactions.Outcome.of(e.id().value())).toList();
        };
        CountDownLatch queued = new CountDownLatch(posts.size());
        ExecutorService writers = Executors.newFixedThreadPool(posts.size() + 1);
        try {
            Future<?> holder = writers.submit(() -> stores().transactions().inTransaction(() -> {
                awaitQuietly(queued);
                return null;
            }));
            List<Future<String>> outcomes = new ArrayList<>();
            for (Event post : posts) {
                outcomes.add(writers.submit(() -> {
                    queued.countDown();
                    return stores().transactions().inBatch(batch, post);
                }));
            }
            holder.get(60, TimeUnit.SECONDS);
            List<Event> committed = new ArrayList<>();
            for (int i = 0; i < posts.size(); i++) {
                Future<String> outcome = outcomes.get(i);
                if (i == 13) {
                    assertThatThrownBy(() -> outcome.get(60, TimeUnit.SECONDS)).hasRootCauseMessage("poisoned after writing");
                } else if (i % 7 == 0) {
                    assertThatThrownBy(() -> outcome.get(60, TimeUnit.SECONDS)).hasRootCauseMessage("refused " + i);
                } else {
                    assertThat(outcome.get(60, TimeUnit.SECONDS)).isEqualTo(posts.get(i).id().value());
                    committed.add(posts.get(i));
                }
            }

            assertThat(callSizes).anySatisfy(size -> assertThat(size).isGreaterThan(1));
            assertThat(callSizes).contains(1);
            assertThat(stores().events().count(group)).isEqualTo(committed.size());
            assertThat(stores().events().find(group, poison.id())).isEmpty();
            assertThat(stores().state().stateDigest(group))
                    .isEqualTo(HiveState.project(HistoryGenerator.owner(), committed).stateDigest());
        } finally {
            writers.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anEventOfAnotherGroupIsRefusedAndNothingIsStored() {
        String group = unique("grp_g");
        Event stranger = Events.event(unique("grp_other"), "inst_a", new Hlc(5000, 0), new EventPayload.PostCreated("t",
                Optional.empty(), Optional.empty(), Events.agent("inst_a", "alice")));

        assertThatThrownBy(() -> stores().events().append(group, List.of(stranger)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stores().events().count(group)).isZero();
    }
}
