package org.hivemesh.application.contract;

import org.hivemesh.application.agents.port.out.Credentials;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.hub.port.out.HubStore;
import org.hivemesh.application.shared.port.out.AuditLog;
import org.hivemesh.application.shared.port.out.IdentityStore;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.port.out.OversightStore;
import org.hivemesh.application.sync.port.out.SyncStore;

/** Every storage port of one backend. */
public record Stores(EventStore events, StateStore state, HiveStore hives, Credentials credentials, AuditLog audit,
                     IdentityStore identity, Transactions transactions, SyncStore sync,
                     ConsentStore consent, HubStore hub, OversightStore oversight) {
}
