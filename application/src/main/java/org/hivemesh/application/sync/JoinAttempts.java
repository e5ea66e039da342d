package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.HiveSyncState;

/**
 * A handshake for one hive with a peer, and what its outcome leaves for that hive alone: a join waiting for approval,
 * turned down, or refused (tried again with backoff). Only what concerns the peer as a whole — it cannot be reached,
 * or does not accept our signature — fails the round.
 */
public final class JoinAttempts {
    private final SyncStore sync;
    private final Handshakes handshakes;
    private final Clock clock;

    @Inject
    public JoinAttempts(SyncStore sync, Handshakes handshakes, Clock clock) {
        this.sync = sync;
        this.handshakes = handshakes;
        this.clock = clock;
    }

    /** Either the group joined, or the state the hive is left in with this peer. */
    public sealed interface Outcome permits Joined, Held {
    }

    public record Joined(SyncGroup group) implements Outcome {
    }

    /** {@code waitingFor}: for a join awaiting approval, the roster members whose answer is still needed. */
    public record Held(HiveSyncState state, List<String> waitingFor) implements Outcome {
        public Held {
            waitingFor = List.copyOf(waitingFor);
        }
    }

    public Outcome attempt(PeerRecord peer, String hiveName, boolean newPlan) {
        Optional<HiveSyncState> before = sync.hiveState(peer.peerId(), hiveName);
        try {
            SyncGroup group = handshakes.join(peer, hiveName, newPlan);
            before.ifPresent(b -> sync.clearHiveState(peer.peerId(), hiveName));
            return new Joined(group);
        } catch (PeerTransport.PeerRefused refused) {
            if (refused.status() == 401) {
                throw refused;
            }
            List<String> waitingFor = refused.detail("waiting_for").filter(w -> !w.isBlank())
                    .map(w -> List.of(w.split(","))).orElse(List.of());
            return held(stateAfter(peer, hiveName, refused, before), waitingFor);
        } catch (HivemeshException local) {
            if (!local.code().equals("hive_name_taken")) {
                throw local;
            }
            return held(HiveSyncState.failing(peer.peerId(), hiveName, local.getMessage(), clock.now(), before), List.of());
        }
    }

    /** A group the peer refuses after it was joined (gone, liberated, forbidden): only that hive waits. */
    public HiveSyncState refusedLater(PeerRecord peer, String hiveName, PeerTransport.PeerRefused refused) {
        return held(HiveSyncState.failing(peer.peerId(), hiveName, refused.code() + ": " + refused.getMessage(),
                clock.now(), sync.hiveState(peer.peerId(), hiveName)), List.of()).state();
    }

    private HiveSyncState stateAfter(PeerRecord peer, String hiveName, PeerTransport.PeerRefused refused,
                                     Optional<HiveSyncState> before) {
        String detail = refused.code() + ": " + refused.getMessage();
        return switch (refused.code()) {
            case "approval_pending" -> HiveSyncState.pending(peer.peerId(), hiveName,
                    refused.detail("plan_id").orElse("unknown"), detail, clock.now(), before);
            case "join_rejected", "join_expired" -> HiveSyncState.turnedDown(peer.peerId(), hiveName,
                    refused.detail("plan_id"), detail, clock.now());
            default -> HiveSyncState.failing(peer.peerId(), hiveName, detail, clock.now(), before);
        };
    }

    private Held held(HiveSyncState state, List<String> waitingFor) {
        sync.saveHiveState(state);
        return new Held(state, waitingFor);
    }
}
