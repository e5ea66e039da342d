package org.hivemesh.application.sync.port.wire;

/**
 * What became of a pushed batch. {@code deferred}: held until their clock is due; {@code refused}: stored without
 * effect (authority rules).
 */
public record PushReply(long receivedSeq, int accepted, int duplicate, int deferred, int quarantined, int refused) {
}
