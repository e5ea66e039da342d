package org.hivemesh.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;

/** Sync groups, peers with their tokens and per-group cursors, quarantined events and learned keys. */
public interface SyncStore {
    void createGroup(SyncGroup group, Instant at);

    Optional<SyncGroup> group(String groupId);

    Optional<SyncGroup> groupByHive(String hiveName);

    List<SyncGroup> groups();

    void deleteGroup(String groupId);

    void changeMethod(String groupId, String method);

    /** Inserts or replaces the peer with this ID. */
    void savePeer(PeerRecord peer);

    Optional<PeerRecord> peer(String peerId);

    Optional<PeerRecord> peerByInstance(String instanceId);

    Optional<PeerRecord> peerByEndpoint(String syncEndpoint);

    List<PeerRecord> peers();

    void deletePeer(String peerId);

    /** Tokens this instance issued to a peer; several may be valid after crossing handshakes. */
    void addInboundToken(String peerId, String tokenHash, Instant at);

    Optional<PeerRecord> peerByInboundToken(String tokenHash);

    /** Shares a group with a peer, cursors at 0; linking again keeps the cursors. */
    void link(String peerId, String groupId);

    void unlink(String peerId, String groupId);

    List<PeerLink> links(String peerId);

    List<PeerLink> linksOfGroup(String groupId);

    Optional<PeerLink> findLink(String peerId, String groupId);

    void updateLink(PeerLink link);

    void quarantine(QuarantinedEvent event);

    List<QuarantinedEvent> quarantined(String groupId, int limit);

    int quarantinedCount(String groupId);

    /** Keys are only stored after checking that they hash to the instance ID. */
    void rememberKey(String instanceId, String publicKeyHex);

    Optional<String> keyOf(String instanceId);

    /**
     * {@code sharedHives}: hives to sync with this peer; the worker handshakes for any not yet linked.
     * {@code learnedTtl}: the gossip TTL a gossip-learned peer arrived with. {@code discoveredVia}: how it was
     * learned ({@code admin}, {@code config}, {@code handshake}, {@code hub <url>}, {@code gossip from <instance>}).
     */
    record PeerRecord(String peerId, String name, String syncEndpoint, Optional<String> instanceId,
                      Optional<String> signingKey, Optional<String> outboundToken, PeerSource source,
                      PeerStatus status, int consecutiveFailures, Optional<Instant> lastSeen,
                      Optional<String> lastError, List<String> sharedHives, Instant createdAt, int learnedTtl,
                      String discoveredVia) {
        public PeerRecord {
            sharedHives = List.copyOf(sharedHives);
        }

        public PeerRecord withContact(PeerStatus status, int failures, Optional<Instant> lastSeen, Optional<String> error) {
            return new PeerRecord(peerId, name, syncEndpoint, instanceId, signingKey, outboundToken, source, status,
                    failures, lastSeen, error, sharedHives, createdAt, learnedTtl, discoveredVia);
        }

        public PeerRecord withHives(List<String> hives) {
            return new PeerRecord(peerId, name, syncEndpoint, instanceId, signingKey, outboundToken, source, status,
                    consecutiveFailures, lastSeen, lastError, hives, createdAt, learnedTtl, discoveredVia);
        }
    }

    /** What a peer has of a group: cursors into our log and theirs. */
    record PeerLink(String peerId, String groupId, long lastSeqSent, long lastSeqReceived, long remoteSeq,
                    Optional<Instant> lastSync) {
    }

    record QuarantinedEvent(String id, String groupId, Optional<String> eventId, String peerId, String reason,
                            String eventJson, Instant at) {
    }
}
