package org.hivemesh.application.consent.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** Rosters of governed groups, merge plans with their approval records, and the notification outbox. */
public interface ConsentStore {
    List<RosterMember> roster(String groupId);

    void saveRosterMember(RosterMember member);

    void removeRosterMember(String groupId, String instanceId);

    /** Inserts or replaces the plan with this ID. */
    void savePlan(PlanRecord plan);

    Optional<PlanRecord> plan(String planId);

    List<PlanRecord> plans(String groupId);

    void notify(Notification notification);

    Optional<CadenceState> cadence(String groupId);

    void saveCadence(CadenceState cadence);

    /** This instance's cadence for a group, and when it last merged it, last opened it and last read it. */
    record CadenceState(String groupId, org.hivemesh.domain.consent.Cadence cadence, Optional<Instant> lastRound,
                        Optional<Instant> openedAt, Optional<Instant> lastRead) {
    }

    List<Notification> notifications(String groupId);

    record RosterMember(String groupId, String instanceId, String state, Instant since) {
    }

    /** {@code plan}: the merge plan as shown to people; {@code record}: the approval state machine, serialized. */
    record PlanRecord(String planId, String groupId, String peerInstanceId, String kind, JsonObject plan,
                      JsonObject record, String status, Instant createdAt) {
    }

    record Notification(String id, String groupId, String recipient, String message, Instant createdAt) {
    }
}
