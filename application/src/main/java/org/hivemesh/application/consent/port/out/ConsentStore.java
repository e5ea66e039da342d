package org.hivemesh.application.consent.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hivemesh.domain.consent.Cadence;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.Roster;
import org.hivemesh.domain.consent.RosterMember;

/** Rosters of governed groups, merge plans with their approval rounds, notifications, and merge cadences. */
public interface ConsentStore {
    /** The active members, in the order they joined. */
    Roster roster(String groupId);

    void saveRosterMember(String groupId, RosterMember member);

    void removeRosterMember(String groupId, String instanceId);

    /** Inserts or replaces the plan with this ID. */
    void savePlan(MergePlan plan);

    Optional<MergePlan> plan(String planId);

    List<MergePlan> plans(String groupId);

    void notify(Notification notification);

    List<Notification> notifications(String groupId);

    Optional<CadenceState> cadence(String groupId);

    void saveCadence(CadenceState cadence);

    /** This instance's cadence for a group, and when it last merged it, last opened it and last read it. */
    record CadenceState(String groupId, Cadence cadence, Optional<Instant> lastRound, Optional<Instant> openedAt,
                        Optional<Instant> lastRead) {
    }

    /** A message for a roster member, e.g. that it was pruned from a plan. */
    record Notification(String id, String groupId, String recipient, String message, Instant createdAt) {
    }
}
