package org.hivemesh.domain.event;

/** How much a decision matters, as its author rates it. */
public enum Stakes {
    LOW, MEDIUM, HIGH;

    public String wire() {
        return name().toLowerCase();
    }

    public static Stakes fromWire(String name) {
        return PayloadJson.parseEnum(Stakes.class, name);
    }
}
