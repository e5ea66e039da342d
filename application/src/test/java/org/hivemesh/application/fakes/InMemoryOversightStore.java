package org.hivemesh.application.fakes;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hivemesh.application.sync.port.out.OversightStore;
import org.hivemesh.domain.consent.OversightPolicy;

public final class InMemoryOversightStore implements OversightStore {
    private final Map<String, OversightPolicy> policies = new ConcurrentHashMap<>();

    @Override
    public Optional<OversightPolicy> oversight(String groupId) {
        return Optional.ofNullable(policies.get(groupId));
    }

    @Override
    public void saveOversight(String groupId, OversightPolicy policy) {
        policies.put(groupId, policy);
    }
}
