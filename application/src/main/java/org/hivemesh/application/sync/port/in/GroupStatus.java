package org.hivemesh.application.sync.port.in;

import java.util.List;
import org.hivemesh.application.sync.port.out.SyncStore.QuarantinedEvent;
import org.hivemesh.domain.consent.OversightPolicy;
import org.hivemesh.domain.group.SyncGroup;

/**
 * A group as this instance sees it. {@code quarantined}: events refused at intake (never stored); {@code deferred}:
 * events held until their clock is due; {@code refused}: events stored without effect under the authority rules.
 * {@code oversight}: the group's oversight policy, which every member applies.
 */
public record GroupStatus(SyncGroup group, long localSeq, long eventCount, String stateDigest, long quarantined,
                          int deferred, int refused, List<PeerStatusView> peers, List<QuarantinedEvent> recentQuarantine,
                          List<String> roster, int pendingPlans, String cadence, long lastSharedSeq, long unsharedEvents,
                          OversightPolicy oversight) {
}
