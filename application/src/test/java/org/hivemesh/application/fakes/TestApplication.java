package org.hivemesh.application.fakes;

import java.time.Instant;
import org.hivemesh.application.agents.AgentService;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.agents.port.in.Scope;
import org.hivemesh.application.content.ContentService;
import org.hivemesh.application.content.EventWriter;
import org.hivemesh.application.content.HiveAccess;
import org.hivemesh.application.content.HiveService;
import org.hivemesh.application.content.ReadService;
import org.hivemesh.application.content.port.out.EventSignals;
import org.hivemesh.application.content.port.out.HiveReads;
import org.hivemesh.application.contract.Stores;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.HybridClock;
import org.hivemesh.application.shared.InstanceIdentities;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.domain.event.Hlc;

/** The application wired on in-memory fakes, for use-case and HTTP adapter tests. */
public final class TestApplication {
    /** The event store of {@link #stores}, for tests that make it fail. */
    public final InMemoryEventStore eventStore = new InMemoryEventStore();
    public final Stores stores = new Stores(eventStore, new InMemoryStateStore(), new InMemoryHiveStore(),
            new InMemoryCredentials(), new InMemoryAuditLog(), new InMemoryIdentityStore(), new DirectTransactions(), new InMemorySyncStore(), new InMemoryConsentStore(),
            new InMemoryHubStore(), new InMemoryOversightStore());
    public final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
    public final FakeSignatures signatures = new FakeSignatures();
    public final InstanceIdentity identity = InstanceIdentities.loadOrCreate(stores.identity(), signatures);
    public final HiveAccess access = new HiveAccess(stores.hives(), stores.state());
    /** This instance's HLC: local writes take from it, intake of remote events moves it on. */
    public final HybridClock hlc = new HybridClock(clock, Hlc.ZERO);
    public final EventWriter writer = new EventWriter(identity, signatures, hlc,
            stores.events(), stores.state(), stores.transactions(), EventSignals.NONE);
    public final SequentialIds ids = new SequentialIds();
    public final Audit audit = new Audit(stores.audit(), clock, ids);
    public final AgentService agents = new AgentService(stores.credentials(), audit, clock, ids, identity,
            stores.transactions(), new AgentService.Settings(20));
    public final HiveService hives = new HiveService(stores.hives(), access, writer, stores.credentials(), audit, clock,
            ids, identity, stores.transactions());
    public final ContentService content = new ContentService(stores.hives(), access, writer, stores.state(),
            stores.transactions());
    public final ReadService reads = new ReadService(stores.hives(), access, stores.state(), stores.events(),
            HiveReads.NONE);

    /** A new agent with an open session of the given scope. */
    public Principal agent(String name, Scope scope) {
        AgentUseCases.CreatedAgent agent = agents.createAgent(new AgentUseCases.CreateAgentCommand(name));
        return agents.authenticate(agents.openSession(new AgentUseCases.OpenSessionCommand(agent.apiKey(), scope)).token());
    }
}
