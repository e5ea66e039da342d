package org.hivemesh.application.sync;

/** Events per push batch and per pulled page. */
public record TransferSettings(int pushBatch, int pullPage) {
    public TransferSettings {
        if (pushBatch < 1 || pullPage < 1) {
            throw new IllegalArgumentException("push_batch and pull_page must be at least 1");
        }
    }
}
