package org.hivemesh.application.agents.port.in;

import java.util.Arrays;
import org.hivemesh.application.shared.port.in.HivemeshException;

/** Session scopes, each including the ones before it. */
public enum Scope {
    READ("read"), READ_WRITE("read-write"), EXECUTE("execute");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean covers(Scope required) {
        return compareTo(required) >= 0;
    }

    public static Scope fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst()
                .orElseThrow(() -> HivemeshException.invalid("scope must be one of read, read-write, execute"));
    }
}
