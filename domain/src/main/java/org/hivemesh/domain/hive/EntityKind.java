package org.hivemesh.domain.hive;

/** What a materialized entity is; each event touches exactly one entity. */
public enum EntityKind {
    POST, COMMENT, VOTE, SETTING, MEMBER, MODERATOR, DECISION, REVIEW;

    public String wire() {
        return name().toLowerCase();
    }
}
