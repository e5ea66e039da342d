package org.hivemesh.application.sync.port.out;

import java.util.Optional;
import org.hivemesh.domain.consent.OversightPolicy;

/** Each group's oversight policy, set when the group is created here or joined, and by its admin. */
public interface OversightStore {
    /** Empty for a group created before policies were per group: it follows the instance's configuration. */
    Optional<OversightPolicy> oversight(String groupId);

    /** Inserts or replaces the group's policy. */
    void saveOversight(String groupId, OversightPolicy policy);
}
