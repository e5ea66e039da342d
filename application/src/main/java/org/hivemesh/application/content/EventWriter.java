package org.hivemesh.application.content;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.content.port.out.AppendResult;
import org.hivemesh.application.content.port.out.EventSignals;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.shared.HybridClock;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.UnsignedEvent;
import org.hivemesh.domain.hive.Authority;
import org.hivemesh.domain.hive.AuthorityRule;
import org.hivemesh.domain.hive.Refusal;

/**
 * Turns local intents into signed events and stores them with their materialization. Whether an event may take
 * effect is decided in one place, the materializer's authority rules, for local writes and peers' events alike.
 */
public final class EventWriter {
    private final InstanceIdentity identity;
    private final Signatures signatures;
    private final HybridClock clock;
    private final EventStore events;
    private final StateStore state;
    private final Transactions transactions;
    private final EventSignals signals;
    /** Local writes that wait for the store at the same time, checked and stored together. */
    private final Transactions.Batch<LocalWrite, Event> localWrites = this::commitAll;

    private record LocalWrite(HiveRecord hive, Event event) {
    }

    @Inject
    public EventWriter(InstanceIdentity identity, Signatures signatures, HybridClock clock, EventStore events,
                       StateStore state, Transactions transactions, EventSignals signals) {
        this.identity = identity;
        this.signatures = signatures;
        this.clock = clock;
        this.events = events;
        this.state = state;
        this.transactions = transactions;
        this.signals = signals;
    }

    /** What a batch did: what the log took, and which of the new events have no effect. */
    public record Stored(AppendResult appended, List<Refusal> refused) {
        public Stored {
            refused = List.copyOf(refused);
        }
    }

    /**
     * Call inside a transaction: the append and the materialization commit together. A local write without
     * authority is refused (403) before anything is stored.
     */
    public Event write(HiveRecord hive, EventPayload payload) {
        return commit(hive, prepare(hive, payload));
    }

    /**
     * Builds and signs a local event without storing it: the costly part of a write, which a caller runs on its own
     * thread before the transaction, so concurrent writers sign in parallel and the shared commit only stores.
     */
    public Event prepare(HiveRecord hive, EventPayload payload) {
        return sign(new UnsignedEvent(hive.groupId(), identity.instanceId(), clock.next(), payload));
    }

    /**
     * Stores a prepared event, or refuses it (403) before anything is stored; in the transaction around it, if any.
     * Local writes waiting at the same time are stored together: one append and one materialization for all, each
     * checked on top of the ones before it.
     */
    public Event commit(HiveRecord hive, Event event) {
        return transactions.inBatch(localWrites, new LocalWrite(hive, event));
    }

    private List<Transactions.Outcome<Event>> commitAll(List<LocalWrite> writes) {
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < writes.size(); i++) {
            byGroup.computeIfAbsent(writes.get(i).hive().groupId(), g -> new ArrayList<>()).add(i);
        }
        List<Transactions.Outcome<Event>> outcomes = new ArrayList<>(Collections.nCopies(writes.size(), null));
        byGroup.forEach((group, indices) -> {
            HiveRecord hive = writes.get(indices.get(0)).hive();
            List<Event> asked = indices.stream().map(i -> writes.get(i).event()).toList();
            List<Optional<AuthorityRule>> refusals = state.refusalsOf(group, hive.owner(), asked);
            List<Event> admitted = new ArrayList<>();
            for (int k = 0; k < indices.size(); k++) {
                Event event = asked.get(k);
                outcomes.set(indices.get(k), refusals.get(k)
                        .map(rule -> Transactions.Outcome.<Event>failed(
                                HivemeshException.forbidden(rule.description() + " (" + rule.wire() + ")")))
                        .orElseGet(() -> {
                            admitted.add(event);
                            return Transactions.Outcome.of(event);
                        }));
            }
            if (!admitted.isEmpty()) {
                store(hive, admitted);
            }
        });
        return outcomes;
    }

    /** Signs events this instance re-issues (keeping their HLCs) and stores them; call inside a transaction. */
    public Stored signAndStore(HiveRecord hive, List<UnsignedEvent> unsigned) {
        return store(hive, unsigned.stream().map(this::sign).toList());
    }

    private Event sign(UnsignedEvent unsigned) {
        return unsigned.signedWith(HexFormat.of().formatHex(signatures.sign(identity.privateKey(), unsigned.canonicalBytes())));
    }

    /**
     * Appends events of one group and materializes the new ones; duplicates change nothing. Every event must
     * already have passed intake: its acting agent belongs to its origin.
     */
    public Stored store(HiveRecord hive, List<Event> batch) {
        for (Event event : batch) {
            if (Authority.originRefusal(event).isPresent()) {
                throw new IllegalArgumentException("event " + event.id() + " acts for an agent of "
                        + event.payload().actor().instanceId() + " but comes from " + event.origin());
            }
        }
        AppendResult result = events.append(hive.groupId(), batch);
        List<Refusal> refused = state.apply(hive.groupId(), hive.owner(), result.newEvents());
        if (!result.stored().isEmpty()) {
            transactions.afterCommit(() -> signals.eventsStored(hive.groupId()));
        }
        return new Stored(result, refused);
    }
}
