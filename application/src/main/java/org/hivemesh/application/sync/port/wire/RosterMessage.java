package org.hivemesh.application.sync.port.wire;

import java.util.List;

/** {@code POST /sync/v1/groups/{id}/roster}: the owner of a governed group tells a member who is on the roster. */
public record RosterMessage(List<String> members) {
    public RosterMessage {
        members = List.copyOf(members);
    }
}
