package org.hivemesh.domain.event;

/** A change of an agent's moderator role in a hive. */
public enum ModeratorAction {
    ADD, REMOVE;

    public String wire() {
        return name().toLowerCase();
    }

    public static ModeratorAction fromWire(String name) {
        return PayloadJson.parseEnum(ModeratorAction.class, name);
    }
}
