package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.hub.HubRoutes;
import org.hivemesh.application.hub.HubChanges;
import org.hivemesh.application.hub.HubService;
import org.hivemesh.application.hub.port.in.HubUseCases;
import org.hivemesh.application.hub.port.out.HubStore;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.port.in.AdminAuthentication;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdGenerator;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.bootstrap.config.HivemeshConfig;

/** hub_role: true — this instance also serves the hub endpoints (/api/v1/map). */
public final class HubModule extends AbstractModule {
    /** Members waiting on the hub for a membership change at once; more are answered at once, as a poll. */
    private static final int MAX_LONG_POLLS = 64;

    @Provides
    @Singleton
    HubUseCases hub(HubStore store, Transactions transactions, Audit audit, Clock clock, IdGenerator ids,
                    HivemeshConfig config) {
        return new HubService(store, transactions, audit, clock, ids, config.discovery().hubStaleTimeout(),
                new HubChanges(clock.now().toEpochMilli(), MAX_LONG_POLLS));
    }

    @ProvidesIntoSet
    HttpRoutes hubRoutes(HubUseCases hub, AdminAuthentication admin) {
        return new HubRoutes(hub, admin);
    }
}
