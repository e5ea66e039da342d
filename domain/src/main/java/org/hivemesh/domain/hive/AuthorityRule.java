package org.hivemesh.domain.hive;

/** The authority rules of SPEC.md, one per way an event can lack the right to take effect. */
public enum AuthorityRule {
    AUTHOR_NOT_OF_ORIGIN("author_not_of_origin", "the acting agent is not an agent of the event's origin instance"),
    BANNED("banned", "the acting agent is banned from the hive"),
    NOT_AUTHOR_MODERATOR_OR_OWNER("not_author_moderator_or_owner",
            "only the author, a moderator or the hive owner may edit or delete it"),
    NOT_OWNER_OR_MODERATOR("not_owner_or_moderator", "only the hive owner or a moderator may do this"),
    NOT_OWNER("not_owner", "only the hive owner may add or remove moderators"),
    NOT_SELF("not_self", "only the agent itself may join or leave"),
    OWNER_PROTECTED("owner_protected", "the hive owner cannot be banned or unbanned"),
    NOT_ON_ROSTER("not_on_roster", "the instance acting (or named as the new owner) is not an active roster member"),
    OWNER_ON_ROSTER("owner_on_roster", "the owner instance stays on the roster; it transfers ownership first"),
    NOT_OWNER_INSTANCE("not_owner_instance", "only the owner instance may transfer ownership"),
    OWNER_NOT_SILENT("owner_not_silent", "the owner instance was not silent for the claimed limit, or is the claimant"),
    UNKNOWN_TARGET("unknown_target", "the post or comment it changes is not known (yet); it is decided once it arrives");

    private final String wire;
    private final String description;

    AuthorityRule(String wire, String description) {
        this.wire = wire;
        this.description = description;
    }

    public String wire() {
        return wire;
    }

    public String description() {
        return description;
    }

    public static AuthorityRule fromWire(String wire) {
        for (AuthorityRule rule : values()) {
            if (rule.wire.equals(wire)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown authority rule: " + wire);
    }
}
