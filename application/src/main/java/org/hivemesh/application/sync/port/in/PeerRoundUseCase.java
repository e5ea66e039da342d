package org.hivemesh.application.sync.port.in;

import java.util.List;
import java.util.Optional;
import org.hivemesh.domain.peer.PeerStatus;

/** Outbound sync, driven by the sync workers: one round with a peer and failure bookkeeping. */
public interface PeerRoundUseCase {
    List<String> peerIds();

    /** Handshakes for hives not yet linked, pushes what the peer lacks, pulls what it has; returns events moved. */
    Round syncWith(String peerId);

    /** Counts a failed round against the peer; tells what it did to the entry and which step of the round failed. */
    Failure recordFailure(String peerId, String error);

    /** What a round moved, group by group. */
    record Round(List<GroupRound> groups) {
        public static final Round NONE = new Round(List.of());

        public Round {
            groups = List.copyOf(groups);
        }

        public int pushed() {
            return groups.stream().mapToInt(GroupRound::pushed).sum();
        }

        public int pulled() {
            return groups.stream().mapToInt(GroupRound::pulled).sum();
        }

        public int quarantined() {
            return groups.stream().mapToInt(GroupRound::quarantined).sum();
        }

        public int moved() {
            return pushed() + pulled();
        }
    }

    /** {@code refused}: pulled events stored without effect under the authority rules. */
    record GroupRound(String groupId, String hive, int pushed, int pulled, int quarantined, int refused) {
    }

    /** The steps of a round; the workers send the heartbeat after the exchange. */
    enum Phase {
        HANDSHAKE, PUSH, PULL, HEARTBEAT;

        public String wire() {
            return name().toLowerCase();
        }
    }

    /**
     * A step of a round: a handshake for a hive (no group here yet, perhaps), a push or pull of a group, or the
     * heartbeat, which is about no one hive.
     */
    record Step(Phase phase, Optional<String> hive, Optional<String> groupId) {
        public static Step of(Phase phase, String hive, Optional<String> groupId) {
            return new Step(phase, Optional.of(hive), groupId);
        }
    }

    /**
     * The peer's entry after a failed round: its name, consecutive failures and status (empty once the peer is
     * forgotten) and the step that was under way when the round failed, if one had begun.
     */
    record Failure(Optional<String> peerName, int consecutiveFailures, Optional<PeerStatus> status, Optional<Step> step) {
    }
}
