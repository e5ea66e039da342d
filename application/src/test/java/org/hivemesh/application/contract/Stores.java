package org.hivemesh.application.contract;

import org.hivemesh.application.port.out.AuditLog;
import org.hivemesh.application.port.out.ConsentStore;
import org.hivemesh.application.port.out.Credentials;
import org.hivemesh.application.port.out.HubStore;
import org.hivemesh.application.port.out.EventStore;
import org.hivemesh.application.port.out.HiveStore;
import org.hivemesh.application.port.out.IdentityStore;
import org.hivemesh.application.port.out.StateStore;
import org.hivemesh.application.port.out.SyncStore;
import org.hivemesh.application.port.out.Transactions;

/** Every storage port of one backend. */
public record Stores(EventStore events, StateStore state, HiveStore hives, Credentials credentials, AuditLog audit,
                     IdentityStore identity, Transactions transactions, SyncStore sync,
                     ConsentStore consent, HubStore hub) {
}
