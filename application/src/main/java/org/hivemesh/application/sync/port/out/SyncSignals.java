package org.hivemesh.application.sync.port.out;

/** Wakes the outbound sync machinery; a no-op where nothing syncs. */
public interface SyncSignals {
    /** New events are stored in a group: peers sharing it have something to receive. */
    void eventsStored(String groupId);

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
