package org.hivemesh.application.sync.port.in;

import java.time.Instant;
import java.util.Optional;

/** One peer of a group: how much it lacks of ours ({@code lag}) and we of its ({@code behind}). */
public record PeerStatusView(String peerId, String name, String syncEndpoint, String status, long lag, long behind,
                             Optional<Instant> lastSync, Optional<String> lastError, String source, String discoveredVia) {
}
