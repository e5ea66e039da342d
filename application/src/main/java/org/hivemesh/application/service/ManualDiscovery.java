package org.hivemesh.application.service;

import org.hivemesh.application.port.in.HivemeshException;
import org.hivemesh.application.port.in.PeerDiscoveryUseCases;

/** Discovery when no hub is configured: peers come from the admin API, configuration and gossip only. */
public final class ManualDiscovery implements PeerDiscoveryUseCases {
    @Override
    public Refresh refresh() {
        return new Refresh(0, 0);
    }

    @Override
    public void joinViaHub(String hiveName) {
        throw HivemeshException.invalid("peer_endpoint is required: this instance has no hub (discovery: manual)");
    }
}
