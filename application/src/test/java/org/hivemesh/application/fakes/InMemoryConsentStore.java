package org.hivemesh.application.fakes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.Roster;
import org.hivemesh.domain.consent.RosterMember;

public final class InMemoryConsentStore implements ConsentStore {
    private final Map<String, Map<String, RosterMember>> rosters = new LinkedHashMap<>();
    private final Map<String, MergePlan> plans = new LinkedHashMap<>();
    private final List<Notification> notifications = new ArrayList<>();
    private final Map<String, CadenceState> cadences = new LinkedHashMap<>();

    @Override
    public synchronized Roster roster(String groupId) {
        return new Roster(groupId, rosters.getOrDefault(groupId, Map.of()).values().stream()
                .sorted(Comparator.comparing(RosterMember::since).thenComparing(RosterMember::instanceId)).toList());
    }

    @Override
    public synchronized void saveRosterMember(String groupId, RosterMember member) {
        rosters.computeIfAbsent(groupId, g -> new LinkedHashMap<>()).merge(member.instanceId(), member,
                (old, next) -> old.withState(next.state()));
    }

    @Override
    public synchronized void removeRosterMember(String groupId, String instanceId) {
        rosters.getOrDefault(groupId, new LinkedHashMap<>()).remove(instanceId);
    }

    @Override
    public synchronized void savePlan(MergePlan plan) {
        plans.put(plan.planId(), plan);
    }

    @Override
    public synchronized Optional<MergePlan> plan(String planId) {
        return Optional.ofNullable(plans.get(planId));
    }

    @Override
    public synchronized List<MergePlan> plans(String groupId) {
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
