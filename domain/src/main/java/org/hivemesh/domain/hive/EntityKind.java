package org.hivemesh.domain.hive;

/** What a materialized entity is; each event touches exactly one entity. */
public enum EntityKind {
    POST, COMMENT, VOTE, SETTING, MEMBER, MODERATOR, DECISION, REVIEW, ROSTER;

    public String wire() {
        return name().toLowerCase();
    }
}
