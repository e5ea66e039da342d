package org.hivemesh.application.shared;

import org.hivemesh.application.shared.port.out.IdentityStore;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.domain.peer.InstanceIds;

/** Loads this instance's identity, creating it on first start. The instance ID is derived from the public key. */
public final class InstanceIdentities {
    private InstanceIdentities() {
    }

    public static InstanceIdentity loadOrCreate(IdentityStore store, Signatures signatures) {
        return store.load().orElseGet(() -> {
            Signatures.KeyPair keys = signatures.generate();
            String instanceId = InstanceIds.fromPublicKey(keys.publicKey());
            return store.saveIfAbsent(new InstanceIdentity(instanceId, keys.publicKey(), keys.privateKey()));
        });
    }
}
