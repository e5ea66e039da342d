package org.hivemesh.application.sync.port.out;

/** When this member merges a group (continuous, nightly, on-open): whether a round pulls and a push is taken now. */
public interface GroupCadence {
    boolean due(String groupId);

    /** A round with the group's peers completed. */
    void merged(String groupId);

    boolean acceptsPushes(String groupId);

    /** {@code continuous}, {@code nightly} or {@code on-open}. */
    String mode(String groupId);
}
