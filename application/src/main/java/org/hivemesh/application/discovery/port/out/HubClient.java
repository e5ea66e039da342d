package org.hivemesh.application.discovery.port.out;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.hivemesh.application.hub.port.in.HubUseCases;

/** Calls to a hub's /api/v1/map endpoints. Failures surface as PeerTransport.PeerUnavailable / PeerRefused. */
public interface HubClient {
    HubUseCases.Registered register(String hubUrl, String registrationKey, HubUseCases.RegisterSwarm request);

    void heartbeat(String hubUrl, String swarmId, String token);

    void joinHive(String hubUrl, String swarmId, String token, String hiveName);

    /**
     * The peers and the hub's membership version; with {@code seenVersion}, answered once membership changes past it
     * or after {@code wait}. A hub that predates versions answers at once without one.
     */
    Peers peers(String hubUrl, String swarmId, String token, OptionalLong seenVersion, Duration wait);

    record Peers(List<HubUseCases.SwarmPeer> peers, OptionalLong version) {
        public Peers {
            peers = List.copyOf(peers);
        }
    }
}
