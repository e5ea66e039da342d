package org.hivemesh.application.service;

import java.util.HexFormat;
import java.util.List;
import org.hivemesh.application.port.out.AppendResult;
import org.hivemesh.application.port.out.EventStore;
import org.hivemesh.application.port.out.HiveRecord;
import org.hivemesh.application.port.out.InstanceIdentity;
import org.hivemesh.application.port.out.Signatures;
import org.hivemesh.application.port.out.StateStore;
import org.hivemesh.application.port.out.SyncSignals;
import org.hivemesh.application.port.out.Transactions;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.UnsignedEvent;

/** Turns local intents into signed events and stores them with their materialization. */
public final class EventWriter {
    private final InstanceIdentity identity;
    private final Signatures signatures;
    private final HybridClock clock;
    private final EventStore events;
    private final StateStore state;
    private final Transactions transactions;
    private final SyncSignals signals;

    public EventWriter(InstanceIdentity identity, Signatures signatures, HybridClock clock, EventStore events,
                       StateStore state, Transactions transactions, SyncSignals signals) {
        this.identity = identity;
        this.signatures = signatures;
        this.clock = clock;
        this.events = events;
        this.state = state;
        this.transactions = transactions;
        this.signals = signals;
    }

    /** Call inside a transaction: the append and the materialization must commit together. */
    public Event write(HiveRecord hive, EventPayload payload) {
        UnsignedEvent unsigned = new UnsignedEvent(hive.groupId(), identity.instanceId(), clock.next(), payload);
        byte[] signature = signatures.sign(identity.privateKey(), unsigned.canonicalBytes());
        Event event = unsigned.signedWith(HexFormat.of().formatHex(signature));
        store(hive, List.of(event));
        return event;
    }

    /** Signs events this instance re-issues (keeping their HLCs) and stores them; call inside a transaction. */
    public AppendResult signAndStore(HiveRecord hive, List<UnsignedEvent> unsigned) {
        List<Event> signed = unsigned.stream().map(u -> u.signedWith(HexFormat.of().formatHex(
                signatures.sign(identity.privateKey(), u.canonicalBytes())))).toList();
        return store(hive, signed);
    }

    /** Appends events of one group and materializes the new ones; duplicates change nothing. */
    public AppendResult store(HiveRecord hive, List<Event> batch) {
        AppendResult result = events.append(hive.groupId(), batch);
        state.apply(hive.groupId(), hive.ownerInstanceId(), result.newEvents());
        if (!result.stored().isEmpty()) {
            transactions.afterCommit(() -> signals.eventsStored(hive.groupId()));
        }
        return result;
    }
}
