package org.hivemesh.application.sync.port.in;

import org.hivemesh.application.sync.port.wire.HandshakeReply;
import org.hivemesh.application.sync.port.wire.HandshakeRequest;

/** A peer joins a group here: {@code caller} is the instance its signature proved. */
public interface HandshakeUseCase {
    HandshakeReply accept(HandshakeRequest request, String caller);
}
