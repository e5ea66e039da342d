package org.hivemesh.application.discovery;

import org.hivemesh.application.discovery.port.in.PeerDiscoveryUseCases;
import org.hivemesh.application.shared.port.in.HivemeshException;

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
