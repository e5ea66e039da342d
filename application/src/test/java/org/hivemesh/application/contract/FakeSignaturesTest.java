package org.hivemesh.application.contract;

import org.hivemesh.application.fakes.FakeSignatures;
import org.hivemesh.application.shared.port.out.Signatures;

/** The fake keeps the port's contract, so tests on it hold for Ed25519 too. */
class FakeSignaturesTest extends SignaturesContract {
    private final FakeSignatures signatures = new FakeSignatures();

    @Override
    protected Signatures signatures() {
        return signatures;
    }
}
