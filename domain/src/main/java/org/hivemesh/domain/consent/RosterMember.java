package org.hivemesh.domain.consent;

import java.time.Instant;

/** One instance on a roster, and since when. */
public record RosterMember(String instanceId, MemberState state, Instant since) {
    public RosterMember withState(MemberState next) {
        return new RosterMember(instanceId, next, since);
    }
}
