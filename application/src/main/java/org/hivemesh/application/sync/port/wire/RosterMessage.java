package org.hivemesh.application.sync.port.wire;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hivemesh.domain.consent.OversightPolicy;

/**
 * {@code POST /sync/v1/groups/{id}/roster}: the owner of a governed group tells a member who is on the roster and,
 * from owners that send it, the group's oversight policy, so a member holds merges by the policy the owner set last.
 */
public record RosterMessage(List<String> members, Optional<OversightPolicy> oversight) {
    public RosterMessage {
        members = List.copyOf(members);
        Objects.requireNonNull(oversight, "oversight");
    }
}
