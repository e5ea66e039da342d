package org.hivemesh.domain.hive;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hivemesh.domain.event.Hlc;

/**
 * A group's roster and owner as its log says: every instance ever on the roster with its status (the founder is
 * active from the start, with no event), the owner, and the open succession claims by claimant.
 */
public record RosterView(List<Entry> members, HiveOwner owner, Map<String, HiveOwner> claims) {
    public RosterView {
        members = List.copyOf(members);
        claims = Map.copyOf(claims);
    }

    public enum Status { ACTIVE, REMOVED, LEFT }

    /** {@code since}: the HLC of the change that set the status; empty for the founder's genesis. */
    public record Entry(String instanceId, Status status, Optional<Hlc> since, Optional<String> planId) {
    }

    public Set<String> active() {
        Set<String> active = new TreeSet<>();
        members.stream().filter(m -> m.status() == Status.ACTIVE).forEach(m -> active.add(m.instanceId()));
        return active;
    }

    public boolean isActive(String instanceId) {
        return active().contains(instanceId);
    }

    public Optional<Entry> entry(String instanceId) {
        return members.stream().filter(m -> m.instanceId().equals(instanceId)).findFirst();
    }
}
