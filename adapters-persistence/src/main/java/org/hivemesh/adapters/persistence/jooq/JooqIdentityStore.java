package org.hivemesh.adapters.persistence.jooq;

import static org.hivemesh.adapters.persistence.jooq.Tables.*;

import java.util.HexFormat;
import java.util.Optional;
import org.hivemesh.application.shared.port.out.IdentityStore;
import org.hivemesh.application.shared.port.out.InstanceIdentity;

final class JooqIdentityStore implements IdentityStore {
    private final JooqTransactions tx;

    JooqIdentityStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<InstanceIdentity> load() {
        HexFormat hex = HexFormat.of();
        return tx.ctx().select(INSTANCE_ID, PUBLIC_KEY, PRIVATE_KEY).from(IDENTITY).where(IDENTITY_SINGLETON.eq(1))
                .fetchOptional(r -> new InstanceIdentity(r.get(INSTANCE_ID), hex.parseHex(r.get(PUBLIC_KEY)),
                        hex.parseHex(r.get(PRIVATE_KEY))));
    }

    @Override
    public InstanceIdentity saveIfAbsent(InstanceIdentity identity) {
        return tx.inTransaction(() -> {
            tx.ctx().insertInto(IDENTITY).set(IDENTITY_SINGLETON, 1).set(INSTANCE_ID, identity.instanceId())
                    .set(PUBLIC_KEY, HexFormat.of().formatHex(identity.publicKey()))
                    .set(PRIVATE_KEY, HexFormat.of().formatHex(identity.privateKey()))
                    .onConflictDoNothing().execute();
            return load().orElseThrow();
        });
    }
}
