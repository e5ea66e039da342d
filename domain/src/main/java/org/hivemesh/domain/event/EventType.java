package org.hivemesh.domain.event;

import java.util.Arrays;

public enum EventType {
    POST_CREATED, POST_UPDATED, POST_DELETED,
    COMMENT_CREATED, COMMENT_UPDATED, COMMENT_DELETED,
    VOTE_CAST,
    HIVE_SETTING_CHANGED, MEMBERSHIP_CHANGED, MODERATOR_CHANGED,
    DECISION_RECORDED, DECISION_REVIEWED,
    ROSTER_CHANGED, OWNER_TRANSFERRED, OWNER_SUCCESSION_CLAIMED;

    public String wireName() {
        return name().toLowerCase();
    }

    public static EventType fromWire(String name) {
        return Arrays.stream(values())
                .filter(t -> t.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event type: " + name));
    }
}
