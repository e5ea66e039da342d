package org.hivemesh.domain.event;

/** A change of an instance's place on a governed group's roster. */
public enum RosterAction {
    ADMITTED, REMOVED, LEFT;

    public String wire() {
        return name().toLowerCase();
    }

    public static RosterAction fromWire(String name) {
        return PayloadJson.parseEnum(RosterAction.class, name);
    }
}
