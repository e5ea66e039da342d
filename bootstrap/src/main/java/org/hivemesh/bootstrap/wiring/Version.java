package org.hivemesh.bootstrap.wiring;

/** The version printed by the CLI and served in /.well-known/hivemesh.json. */
public final class Version {
    public static final String VALUE = Version.class.getPackage().getImplementationVersion() != null
            ? Version.class.getPackage().getImplementationVersion() : "0.1.0-SNAPSHOT";

    private Version() {
    }
}
