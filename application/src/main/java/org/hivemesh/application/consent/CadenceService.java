package org.hivemesh.application.consent;

import jakarta.inject.Inject;
import java.time.LocalTime;
import java.util.Optional;
import org.hivemesh.application.consent.port.in.CadenceUseCase;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.consent.port.out.ConsentStore.CadenceState;
import org.hivemesh.application.content.port.out.EventSignals;
import org.hivemesh.application.content.port.out.HiveReads;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.sync.port.out.GroupCadence;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.consent.Cadence;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** This instance's merge cadence per group; continuous groups keep no state and cost nothing here. */
public final class CadenceService implements CadenceUseCase, HiveReads, GroupCadence {
    private final ConsentStore store;
    private final SyncStore sync;
    private final Audit audit;
    private final Clock clock;
    private final EventSignals signals;

    @Inject
    public CadenceService(ConsentStore store, SyncStore sync, Audit audit, Clock clock, EventSignals signals) {
        this.store = store;
        this.sync = sync;
        this.audit = audit;
        this.clock = clock;
        this.signals = signals;
    }

    private Optional<CadenceState> state(String groupId) {
        return store.cadence(groupId).filter(c -> c.cadence().mode() != Cadence.Mode.CONTINUOUS);
    }

    @Override
    public String mode(String groupId) {
        return of(groupId).mode().wire();
    }

    private Cadence of(String groupId) {
        return store.cadence(groupId).map(CadenceState::cadence).orElse(Cadence.CONTINUOUS);
    }

    @Override
    public void setCadence(String groupId, Cadence.Mode mode, LocalTime nightlyAt) {
        sync.requireGroup(groupId);
        CadenceState current = store.cadence(groupId)
                .orElse(new CadenceState(groupId, Cadence.CONTINUOUS, Optional.empty(), Optional.empty(), Optional.empty()));
        store.saveCadence(new CadenceState(groupId, new Cadence(mode, nightlyAt), current.lastRound(), current.openedAt(),
                current.lastRead()));
        audit.record("cadence_changed", Optional.of(groupId), "admin", JsonObject.builder().put("cadence", mode.wire())
                .put("nightly_at", nightlyAt.toString()).build());
        signals.eventsStored(groupId);
    }

    @Override
    public boolean due(String groupId) {
        return state(groupId).map(c -> c.cadence().due(clock.now(), c.lastRound(), c.openedAt())).orElse(true);
    }

    @Override
    public void merged(String groupId) {
        state(groupId).ifPresent(c -> store.saveCadence(new CadenceState(groupId, c.cadence(), Optional.of(clock.now()),
                c.openedAt(), c.lastRead())));
    }

    @Override
    public boolean acceptsPushes(String groupId) {
        return state(groupId).map(c -> c.cadence().acceptsPushes(clock.now(), c.openedAt())).orElse(true);
    }

    /** A read of the group: after an idle stretch it opens the group, which an on-open member merges right away. */
    @Override
    public void read(String groupId) {
        state(groupId).ifPresent(c -> {
            boolean opens = Cadence.opens(clock.now(), c.lastRead());
            store.saveCadence(new CadenceState(groupId, c.cadence(), c.lastRound(),
                    opens ? Optional.of(clock.now()) : c.openedAt(), Optional.of(clock.now())));
            if (opens) {
                signals.eventsStored(groupId);
            }
        });
    }
}
