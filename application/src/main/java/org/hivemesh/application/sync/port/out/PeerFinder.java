package org.hivemesh.application.sync.port.out;

/** Finds peers sharing a hive without an endpoint (through the hub); joins follow as they are found. */
public interface PeerFinder {
    void lookFor(String hiveName);
}
