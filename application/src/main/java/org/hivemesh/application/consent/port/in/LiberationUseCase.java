package org.hivemesh.application.consent.port.in;

import org.hivemesh.application.sync.port.in.GroupStatus;

/**
 * Forks a group: a new group and lineage owned by this instance, with all content re-issued into it. The old lineage
 * is severed — its peers can no longer push into this hive. Needs nobody's approval (canvas seed: liberation).
 */
public interface LiberationUseCase {
    GroupStatus liberate(String groupId);
}
