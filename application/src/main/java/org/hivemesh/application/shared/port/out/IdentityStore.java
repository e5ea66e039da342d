package org.hivemesh.application.shared.port.out;

import java.util.Optional;

public interface IdentityStore {
    Optional<InstanceIdentity> load();

    /** Stores the identity unless one exists; returns the one that is stored. */
    InstanceIdentity saveIfAbsent(InstanceIdentity identity);
}
