package org.hivemesh.application.sync.port.out;

import org.hivemesh.application.content.port.out.EventSignals;

/** Wakes the outbound sync machinery; a no-op where nothing syncs. */
public interface SyncSignals extends EventSignals {
    /** A peer was added, changed or linked to a group. */
    void peerChanged(String peerId);

    SyncSignals NONE = new SyncSignals() {
        @Override
        public void eventsStored(String groupId) {
        }

        @Override
        public void peerChanged(String peerId) {
        }
    };
}
