package org.hivemesh.application.fakes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.consent.port.out.ConsentStore;

public final class InMemoryConsentStore implements ConsentStore {
    private final Map<String, RosterMember> roster = new LinkedHashMap<>();
    private final Map<String, PlanRecord> plans = new LinkedHashMap<>();
    private final List<Notification> notifications = new ArrayList<>();
    private final Map<String, CadenceState> cadences = new LinkedHashMap<>();

    @Override
    public synchronized List<RosterMember> roster(String groupId) {
        return roster.values().stream().filter(m -> m.groupId().equals(groupId))
                .sorted(Comparator.comparing(RosterMember::since).thenComparing(RosterMember::instanceId)).toList();
    }

    @Override
    public synchronized void saveRosterMember(RosterMember member) {
        roster.merge(member.groupId() + "|" + member.instanceId(), member,
                (old, next) -> new RosterMember(old.groupId(), old.instanceId(), next.state(), old.since()));
    }

    @Override
    public synchronized void removeRosterMember(String groupId, String instanceId) {
        roster.remove(groupId + "|" + instanceId);
    }

    @Override
    public synchronized void savePlan(PlanRecord plan) {
        plans.put(plan.planId(), plan);
    }

    @Override
    public synchronized Optional<PlanRecord> plan(String planId) {
        return Optional.ofNullable(plans.get(planId));
    }

    @Override
    public synchronized List<PlanRecord> plans(String groupId) {
        return plans.values().stream().filter(p -> p.groupId().equals(groupId)).toList();
    }

    @Override
    public synchronized void notify(Notification notification) {
        notifications.add(notification);
    }

    @Override
    public synchronized List<Notification> notifications(String groupId) {
        return notifications.stream().filter(n -> n.groupId().equals(groupId)).toList();
    }

    @Override
    public synchronized Optional<CadenceState> cadence(String groupId) {
        return Optional.ofNullable(cadences.get(groupId));
    }

    @Override
    public synchronized void saveCadence(CadenceState cadence) {
        cadences.put(cadence.groupId(), cadence);
    }
}
