package org.hivemesh.application.contract;

import org.hivemesh.application.fakes.DirectTransactions;
import org.hivemesh.application.fakes.InMemoryAuditLog;
import org.hivemesh.application.fakes.InMemoryCredentials;
import org.hivemesh.application.fakes.InMemoryEventStore;
import org.hivemesh.application.fakes.InMemoryHiveStore;
import org.hivemesh.application.fakes.InMemoryIdentityStore;
import org.hivemesh.application.fakes.InMemoryStateStore;
import org.hivemesh.application.fakes.InMemorySyncStore;
import org.hivemesh.application.fakes.InMemoryConsentStore;
import org.hivemesh.application.fakes.InMemoryHubStore;
import org.hivemesh.application.fakes.InMemoryOversightStore;

/** The fakes pass the same contract as the real stores, so they cannot drift. */
class InMemoryStoresTest extends GovernanceStoreContract {
    private static final Stores STORES = new Stores(new InMemoryEventStore(), new InMemoryStateStore(),
            new InMemoryHiveStore(), new InMemoryCredentials(), new InMemoryAuditLog(), new InMemoryIdentityStore(),
            new DirectTransactions(), new InMemorySyncStore(), new InMemoryConsentStore(),
            new InMemoryHubStore(), new InMemoryOversightStore());

    @Override
    protected Stores stores() {
        return STORES;
    }
}
