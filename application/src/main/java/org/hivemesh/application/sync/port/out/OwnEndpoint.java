package org.hivemesh.application.sync.port.out;

import java.util.Optional;

/** Where peers reach this instance; empty for a client (a CLI with a local store), which is never called back. */
public interface OwnEndpoint {
    Optional<String> syncEndpoint();
}
