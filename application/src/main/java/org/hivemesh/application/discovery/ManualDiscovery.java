package org.hivemesh.application.discovery;

import org.hivemesh.application.discovery.port.in.PeerDiscoveryUseCases;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.sync.port.out.PeerFinder;

/** Discovery when no hub is configured: peers come from the admin API, configuration and gossip only. */
public final class ManualDiscovery implements PeerDiscoveryUseCases, PeerFinder {
    @Override
    public Refresh refresh() {
        return new Refresh(0, 0);
    }

    @Override
    public void lookFor(String hiveName) {
        throw HivemeshException.invalid("peer_endpoint is required: this instance has no hub (discovery: manual)");
    }
}
