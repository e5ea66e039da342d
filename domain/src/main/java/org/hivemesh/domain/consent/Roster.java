package org.hivemesh.domain.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The instances whose approval a merge of a governed group needs (canvas seed: the roster). */
public record Roster(String groupId, List<RosterMember> members) {
    public Roster {
        members = List.copyOf(members);
    }

    /** The active members, sorted: the set an approval round is opened with. */
    public Set<String> active() {
        Set<String> active = new TreeSet<>();
        members.stream().filter(m -> m.state() == MemberState.ACTIVE).forEach(m -> active.add(m.instanceId()));
        return Collections.unmodifiableSet(active);
    }

    public boolean isActive(String instanceId) {
        return active().contains(instanceId);
    }

    public boolean contains(String instanceId) {
        return members.stream().anyMatch(m -> m.instanceId().equals(instanceId));
    }

    /** What to change to arrive at the owner's list of active members: who joins and who leaves. */
    public Change towards(List<String> activeMembers, Instant now) {
        List<RosterMember> joining = new ArrayList<>();
        for (String member : new TreeSet<>(activeMembers)) {
            if (!contains(member)) {
                joining.add(new RosterMember(member, MemberState.ACTIVE, now));
            }
        }
        List<String> leaving = members.stream().map(RosterMember::instanceId).filter(m -> !activeMembers.contains(m))
                .toList();
        return new Change(joining, leaving);
    }

    public record Change(List<RosterMember> joining, List<String> leaving) {
        public boolean isEmpty() {
            return joining.isEmpty() && leaving.isEmpty();
        }
    }
}
