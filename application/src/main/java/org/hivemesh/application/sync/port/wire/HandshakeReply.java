package org.hivemesh.application.sync.port.wire;

import java.time.Instant;
import java.util.Optional;
import org.hivemesh.domain.consent.OversightPolicy;

/**
 * The handshake's answer, signed by the callee over its canonical bytes. {@code syncTokenExpiresAt}: after it the
 * token is refused and a new signed handshake issues another (null from an instance that does not say).
 * {@code method}: the group's merge method, which a joiner's copy of the group takes. {@code oversight}: the group's
 * oversight policy, which a joiner's copy takes (empty from an instance that predates per-group policies).
 */
public record HandshakeReply(String syncGroupId, String instanceId, String signingKey, long currentSeq,
                             String syncToken, Instant syncTokenExpiresAt, String ownerInstanceId, String ownerAgentId,
                             String hiveName, String lineage, String consent, String method,
                             Optional<OversightPolicy> oversight) {
}
