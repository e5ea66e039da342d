package org.hivemesh.domain.event;

/** What a vote is cast on. */
public enum TargetType {
    POST, COMMENT;

    public String wire() {
        return name().toLowerCase();
    }

    public static TargetType fromWire(String name) {
        return PayloadJson.parseEnum(TargetType.class, name);
    }
}
