package org.hivemesh.application.discovery.port.out;

import java.util.List;
import org.hivemesh.application.hub.port.in.HubUseCases;

/** Calls to a hub's /api/v1/map endpoints. Failures surface as PeerTransport.PeerUnavailable / PeerRefused. */
public interface HubClient {
    HubUseCases.Registered register(String hubUrl, String registrationKey, HubUseCases.RegisterSwarm request);

    void heartbeat(String hubUrl, String swarmId, String token);

    void joinHive(String hubUrl, String swarmId, String token, String hiveName);

    List<HubUseCases.SwarmPeer> peers(String hubUrl, String swarmId, String token);
}
