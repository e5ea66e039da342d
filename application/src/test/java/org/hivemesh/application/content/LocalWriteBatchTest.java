package org.hivemesh.application.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.hivemesh.application.content.port.out.EventSignals;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.fakes.DirectTransactions;
import org.hivemesh.application.fakes.FakeSignatures;
import org.hivemesh.application.fakes.InMemoryEventStore;
import org.hivemesh.application.fakes.InMemoryIdentityStore;
import org.hivemesh.application.fakes.InMemoryStateStore;
import org.hivemesh.application.fakes.ManualClock;
import org.hivemesh.application.shared.HybridClock;
import org.hivemesh.application.shared.InstanceIdentities;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.MembershipAction;
import org.hivemesh.domain.hive.HiveRules;
import org.junit.jupiter.api.Test;

/** Local writes that wait together are checked and stored as one batch, each as if stored after the ones before it. */
class LocalWriteBatchTest {
    /** Holds the items of batched work until the test runs them in one call, as group commit does. */
    private static final class HeldBatches implements Transactions {
        final DirectTransactions direct = new DirectTransactions();
        Batch<Object, Object> batch;
        final List<Object> items = new ArrayList<>();

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return direct.inTransaction(work);
        }

        @Override
        public void afterCommit(Runnable action) {
            direct.afterCommit(action);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <I, R> R inBatch(Batch<I, R> batch, I item) {
            this.batch = (Batch<Object, Object>) batch;
            items.add(item);
            return null;
        }

        List<Outcome<Object>> runTogether() {
            return direct.inTransaction(() -> batch.run(items));
        }
    }

    @Test
    void eachWriteIsCheckedOnTopOfTheOnesBeforeItAndOnlyTheRefusedOneIsLeftOut() {
        HeldBatches transactions = new HeldBatches();
        InMemoryEventStore events = new InMemoryEventStore();
        InMemoryStateStore state = new InMemoryStateStore();
        FakeSignatures signatures = new FakeSignatures();
        InstanceIdentity identity = InstanceIdentities.loadOrCreate(new InMemoryIdentityStore(), signatures);
        HybridClock clock = new HybridClock(new ManualClock(Instant.parse("2026-12-01T12:00:00Z")), Hlc.ZERO);
        EventWriter writer = new EventWriter(identity, signatures, clock, events, state, transactions, EventSignals.NONE);
        AgentRef owner = new AgentRef(identity.instanceId(), "agt_owner", "owner");
        AgentRef alice = new AgentRef(identity.instanceId(), "agt_alice", "alice");
        AgentRef bob = new AgentRef(identity.instanceId(), "agt_bob", "bob");
        HiveRecord hive = new HiveRecord("h", "grp_batch", identity.instanceId(), owner.agentId(), Instant.EPOCH);
        Event post = writer.prepare(hive, new EventPayload.PostCreated("alice's", Optional.empty(), Optional.empty(), alice));
        String postId = HiveRules.postId(post);
        Event bobEdits = writer.prepare(hive, new EventPayload.PostUpdated(postId, Optional.of("by bob"), Optional.empty(),
                Optional.empty(), bob));
        Event aliceEdits = writer.prepare(hive, new EventPayload.PostUpdated(postId, Optional.of("by alice"), Optional.empty(),
                Optional.empty(), alice));
        Event ban = writer.prepare(hive, new EventPayload.MembershipChanged(alice, MembershipAction.BAN, owner));
        Event alicePostsAgain = writer.prepare(hive, new EventPayload.PostCreated("again", Optional.empty(),
                Optional.empty(), alice));
        for (Event e : List.of(post, bobEdits, aliceEdits, ban, alicePostsAgain)) {
            writer.commit(hive, e);
        }

        List<Transactions.Outcome<Object>> outcomes = transactions.runTogether();

        assertThat(outcomes).extracting(Transactions.Outcome::value)
                .containsExactly(post, null, aliceEdits, ban, null);
        assertThat(outcomes.get(1).failure()).isInstanceOf(HivemeshException.class)
                .hasMessageContaining("not_author_moderator_or_owner");
        assertThat(outcomes.get(4).failure()).isInstanceOf(HivemeshException.class).hasMessageContaining("banned");
        assertThat(events.read("grp_batch", 0, 10)).extracting(s -> s.event())
                .containsExactly(post, aliceEdits, ban);
        assertThat(state.postWithThread("grp_batch", postId).post(postId).orElseThrow().title()).isEqualTo("by alice");
    }
}
