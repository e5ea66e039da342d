package org.hivemesh.application.sync.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.HiveSyncState;
import org.hivemesh.domain.peer.PeerCursor;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;

/** Sync groups, peers with their tokens and per-group cursors, quarantined events and learned keys. */
public interface SyncStore {
    void createGroup(SyncGroup group, Instant at);

    Optional<SyncGroup> group(String groupId);

    /** The group, or 404: every group call starts here. */
    default SyncGroup requireGroup(String groupId) {
        return group(groupId).orElseThrow(() -> HivemeshException.notFound("sync_group", groupId));
    }

    /** The caller's link to the group, or 403 if it is not in it (404 if there is no such group). */
    default PeerLink requireLink(PeerRecord peer, String groupId) {
        requireGroup(groupId);
        return findLink(peer.peerId(), groupId).orElseThrow(() -> HivemeshException.forbidden(
                "peer " + peer.instanceId().orElse(peer.peerId()) + " is not in group " + groupId));
    }

    Optional<SyncGroup> groupByHive(String hiveName);

    List<SyncGroup> groups();

    void deleteGroup(String groupId);

    void changeMethod(String groupId, String method);

    /** Inserts or replaces the peer with this ID. */
    void savePeer(PeerRecord peer);

    /**
     * Records how the last contact with a peer went — status, consecutive failures, last seen, last error — and
     * changes nothing else of it, so a round or heartbeat that read the peer earlier cannot undo what changed since
     * (say, a hive added to ask for). No effect on a peer that is gone.
     */
    void recordContact(String peerId, PeerStatus status, int failures, Optional<Instant> lastSeen, Optional<String> error);

    Optional<PeerRecord> peer(String peerId);

    Optional<PeerRecord> peerByInstance(String instanceId);

    Optional<PeerRecord> peerByEndpoint(String syncEndpoint);

    List<PeerRecord> peers();

    void deletePeer(String peerId);

    /** Tokens this instance issued to a peer; several may be valid after crossing handshakes. */
    void addInboundToken(String peerId, String tokenHash, Instant at, Instant expiresAt);

    Optional<InboundToken> peerByInboundToken(String tokenHash);

    /** Shares a group with a peer, cursors at 0; linking again keeps the cursors. */
    void link(String peerId, String groupId);

    void unlink(String peerId, String groupId);

    List<PeerLink> links(String peerId);

    List<PeerLink> linksOfGroup(String groupId);

    Optional<PeerLink> findLink(String peerId, String groupId);

    void updateLink(PeerLink link);

    /** Trouble with the peer in one hive; none while all is well. */
    Optional<HiveSyncState> hiveState(String peerId, String hiveName);

    List<HiveSyncState> hiveStates(String peerId);

    /** Inserts or replaces the state of (peer, hive). */
    void saveHiveState(HiveSyncState state);

    void clearHiveState(String peerId, String hiveName);

    /**
     * Records events of one group refused from one peer (or import): the count grows by all of them, but only the
     * latest {@code keep} reasons per peer and group are kept, and never an event's body.
     */
    void quarantine(String groupId, String peerId, List<QuarantinedEvent> events, int keep);

    /** The latest quarantine reasons of a group, newest first. */
    List<QuarantinedEvent> quarantined(String groupId, int limit);

    /** Every event ever quarantined in this group, including those whose reasons were dropped. */
    long quarantinedCount(String groupId);

    /** Holds an event whose clock is too far ahead until it is due; holding it again changes nothing. */
    void defer(DeferredEvent event);

    int deferredCount(String groupId, String peerId);

    /** Which of these events of the group are held already. */
    Set<String> heldEventIds(String groupId, List<String> eventIds);

    int deferredCount(String groupId);

    /** Held events due by {@code now}, oldest due first. */
    List<DeferredEvent> dueDeferred(Instant now, int limit);

    void removeDeferred(String groupId, List<String> eventIds);

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

        /** Where to call this peer; only a peer that has completed a handshake has one. */
        public PeerTransport.PeerAddress address() {
            return new PeerTransport.PeerAddress(syncEndpoint, instanceId.orElseThrow(() ->
                    new IllegalStateException("peer " + peerId + " has not completed a handshake")));
        }

        public PeerRecord withHives(List<String> hives) {
            return new PeerRecord(peerId, name, syncEndpoint, instanceId, signingKey, outboundToken, source, status,
                    consecutiveFailures, lastSeen, lastError, hives, createdAt, learnedTtl, discoveredVia);
        }

        public PeerRecord withoutOutboundToken() {
            return new PeerRecord(peerId, name, syncEndpoint, instanceId, signingKey, Optional.empty(), source, status,
                    consecutiveFailures, lastSeen, lastError, sharedHives, createdAt, learnedTtl, discoveredVia);
        }
    }

    /** A sync token we issued: to whom, and until when it is valid. */
    record InboundToken(PeerRecord peer, Instant expiresAt) {
    }

    /** What a peer has of a group: cursors into our log and theirs. */
    record PeerLink(String peerId, String groupId, PeerCursor cursor, Optional<Instant> lastSync) {
        public PeerLink with(PeerCursor next, Optional<Instant> at) {
            return new PeerLink(peerId, groupId, next, at);
        }
    }

    record QuarantinedEvent(String id, String groupId, Optional<String> eventId, String peerId, String reason,
                            Instant at) {
    }

    /** An event verified but not yet stored, with the key that verified it; {@code dueAt} is when it may be stored. */
    record DeferredEvent(String groupId, String eventId, String peerId, String eventJson, String originKey,
                         Instant dueAt, Instant receivedAt) {
    }
}
