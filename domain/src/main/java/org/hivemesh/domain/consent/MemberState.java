package org.hivemesh.domain.consent;

/**
 * Where an instance stands with a governed group. Only {@code ACTIVE} is stored; {@code OFFLINE} (active but not
 * reachable from here) and {@code INVITED} (an open join plan) are how one instance shows the roster.
 */
public enum MemberState {
    ACTIVE, OFFLINE, INVITED;

    public String wire() {
        return name().toLowerCase();
    }

    public static MemberState fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
