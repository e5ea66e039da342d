package org.hivemesh.application.sync.port.out;

import java.util.Optional;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase.GroupRound;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase.Step;

/** Counts what outbound sync moves and where it fails, per peer and group; a no-op where nothing counts. */
public interface SyncTelemetry {
    void exchanged(String peerId, GroupRound round);

    /** A round failed; {@code step} names the group and phase when the failure came from one. */
    void failed(String peerId, Optional<Step> step);

    /** The workers will try the peer again after a failure. */
    void retryScheduled(String peerId);

    /** Tells both, first then second. */
    static SyncTelemetry both(SyncTelemetry first, SyncTelemetry second) {
        return new SyncTelemetry() {
            @Override
            public void exchanged(String peerId, GroupRound round) {
                first.exchanged(peerId, round);
                second.exchanged(peerId, round);
            }

            @Override
            public void failed(String peerId, Optional<Step> step) {
                first.failed(peerId, step);
                second.failed(peerId, step);
            }

            @Override
            public void retryScheduled(String peerId) {
                first.retryScheduled(peerId);
                second.retryScheduled(peerId);
            }
        };
    }

    SyncTelemetry NONE = new SyncTelemetry() {
        @Override
        public void exchanged(String peerId, GroupRound round) {
        }

        @Override
        public void failed(String peerId, Optional<Step> step) {
        }

        @Override
        public void retryScheduled(String peerId) {
        }
    };
}
