package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hivemesh.application.content.HiveAccess;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.port.in.DeferredEventsUseCase;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.DeferredEvent;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** Stores held events whose time has come, checked again like any arriving event. */
public final class DeferredEvents implements DeferredEventsUseCase {
    private static final int BATCH = 500;

    private final SyncStore sync;
    private final HiveAccess access;
    private final EventVerifier verifier;
    private final EventIntake intake;
    private final Transactions transactions;
    private final Clock clock;

    @Inject
    public DeferredEvents(SyncStore sync, HiveAccess access, EventVerifier verifier, EventIntake intake,
                          Transactions transactions, Clock clock) {
        this.sync = sync;
        this.access = access;
        this.verifier = verifier;
        this.intake = intake;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public int releaseDue() {
        Instant now = clock.now();
        Map<String, Map<String, List<DeferredEvent>>> byGroupAndPeer = new LinkedHashMap<>();
        for (DeferredEvent d : sync.dueDeferred(now, BATCH)) {
            byGroupAndPeer.computeIfAbsent(d.groupId(), g -> new LinkedHashMap<>())
                    .computeIfAbsent(d.peerId(), p -> new ArrayList<>()).add(d);
        }
        int stored = 0;
        for (var group : byGroupAndPeer.entrySet()) {
            for (var peer : group.getValue().entrySet()) {
                stored += release(group.getKey(), peer.getKey(), peer.getValue(), now);
            }
        }
        return stored;
    }

    private int release(String groupId, String peerId, List<DeferredEvent> due, Instant now) {
        List<String> ids = due.stream().map(DeferredEvent::eventId).toList();
        if (!access.hasGroup(groupId)) {
            transactions.inTransaction(() -> {
                sync.removeDeferred(groupId, ids);
                return null;
            });
            return 0;
        }
        List<JsonObject> wires = new ArrayList<>();
        Map<String, String> keys = new HashMap<>();
        for (DeferredEvent d : due) {
            JsonObject wire = Json.parseObject(d.eventJson());
            wires.add(wire);
            keys.put(wire.string("origin"), d.originKey());
        }
        return intake.take(peerId, groupId, wires, verifier.checkArriving(wires, groupId, keys, now), now,
                () -> sync.removeDeferred(groupId, ids)).accepted();
    }
}
