package org.hivemesh.domain.event;

/** A change of an agent's membership of a hive. */
public enum MembershipAction {
    JOIN, LEAVE, BAN, UNBAN;

    public String wire() {
        return name().toLowerCase();
    }

    public static MembershipAction fromWire(String name) {
        return PayloadJson.parseEnum(MembershipAction.class, name);
    }
}
