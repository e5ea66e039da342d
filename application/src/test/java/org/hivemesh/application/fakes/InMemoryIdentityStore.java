package org.hivemesh.application.fakes;

import java.util.Optional;
import org.hivemesh.application.shared.port.out.IdentityStore;
import org.hivemesh.application.shared.port.out.InstanceIdentity;

public final class InMemoryIdentityStore implements IdentityStore {
    private InstanceIdentity identity;

    @Override
    public synchronized Optional<InstanceIdentity> load() {
        return Optional.ofNullable(identity);
    }

    @Override
    public synchronized InstanceIdentity saveIfAbsent(InstanceIdentity candidate) {
        if (identity == null) {
            identity = candidate;
        }
        return identity;
    }
}
