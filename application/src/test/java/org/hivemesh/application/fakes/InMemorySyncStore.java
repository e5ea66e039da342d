package org.hivemesh.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.HiveSyncState;
import org.hivemesh.domain.peer.PeerCursor;
import org.hivemesh.domain.peer.PeerStatus;

public final class InMemorySyncStore implements SyncStore {
    private final Map<String, SyncGroup> groups = new LinkedHashMap<>();
    private final Map<String, PeerRecord> peers = new LinkedHashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, Instant> tokenExpiry = new HashMap<>();
    private final Map<String, PeerLink> links = new LinkedHashMap<>();
    private final List<QuarantinedEvent> quarantine = new ArrayList<>();
    private final Map<String, Long> quarantineCounts = new HashMap<>();
    private final Map<String, DeferredEvent> deferred = new LinkedHashMap<>();
    private final Map<String, String> keys = new HashMap<>();
    private final Map<String, HiveSyncState> hiveStates = new TreeMap<>();

    private static String linkKey(String peerId, String groupId) {
        return peerId + "|" + groupId;
    }

    @Override
    public synchronized void createGroup(SyncGroup group, Instant at) {
        if (groups.putIfAbsent(group.groupId(), group) != null) {
            throw new IllegalStateException("group exists");
        }
    }

    @Override
    public synchronized Optional<SyncGroup> group(String groupId) {
        return Optional.ofNullable(groups.get(groupId));
    }

    @Override
    public synchronized Optional<SyncGroup> groupByHive(String hiveName) {
        return groups.values().stream().filter(g -> g.hiveName().equals(hiveName)).findFirst();
    }

    @Override
    public synchronized List<SyncGroup> groups() {
        return groups.values().stream().sorted(Comparator.comparing(SyncGroup::hiveName)).toList();
    }

    @Override
    public synchronized void deleteGroup(String groupId) {
        groups.remove(groupId);
    }

    @Override
    public synchronized void changeMethod(String groupId, String method) {
        groups.computeIfPresent(groupId, (id, g) -> new SyncGroup(id, g.hiveName(), g.ownerInstanceId(), g.consent(), method,
                g.lineage()));
    }

    @Override
    public synchronized void savePeer(PeerRecord peer) {
        peers.put(peer.peerId(), peer);
    }

    @Override
    public synchronized void recordContact(String peerId, PeerStatus status, int failures, Optional<Instant> lastSeen,
                                           Optional<String> error) {
        peers.computeIfPresent(peerId, (id, p) -> p.withContact(status, failures, lastSeen, error));
    }

    @Override
    public synchronized Optional<PeerRecord> peer(String peerId) {
        return Optional.ofNullable(peers.get(peerId));
    }

    @Override
    public synchronized Optional<PeerRecord> peerByInstance(String instanceId) {
        return peers.values().stream().filter(p -> p.instanceId().map(instanceId::equals).orElse(false)).findFirst();
    }

    @Override
    public synchronized Optional<PeerRecord> peerByEndpoint(String syncEndpoint) {
        return peers.values().stream().filter(p -> p.syncEndpoint().equals(syncEndpoint)).findFirst();
    }

    @Override
    public synchronized List<PeerRecord> peers() {
        return List.copyOf(peers.values());
    }

    @Override
    public synchronized void deletePeer(String peerId) {
        peers.remove(peerId);
        tokens.values().removeIf(peerId::equals);
        links.values().removeIf(l -> l.peerId().equals(peerId));
        hiveStates.values().removeIf(s -> s.peerId().equals(peerId));
    }

    @Override
    public synchronized Optional<HiveSyncState> hiveState(String peerId, String hiveName) {
        return Optional.ofNullable(hiveStates.get(linkKey(peerId, hiveName)));
    }

    @Override
    public synchronized List<HiveSyncState> hiveStates(String peerId) {
        return hiveStates.values().stream().filter(s -> s.peerId().equals(peerId)).toList();
    }

    @Override
    public synchronized void saveHiveState(HiveSyncState state) {
        hiveStates.put(linkKey(state.peerId(), state.hiveName()), state);
    }

    @Override
    public synchronized void clearHiveState(String peerId, String hiveName) {
        hiveStates.remove(linkKey(peerId, hiveName));
    }

    @Override
    public synchronized void addInboundToken(String peerId, String tokenHash, Instant at, Instant expiresAt) {
        if (tokens.putIfAbsent(tokenHash, peerId) == null) {
            tokenExpiry.put(tokenHash, expiresAt);
        }
    }

    @Override
    public synchronized Optional<InboundToken> peerByInboundToken(String tokenHash) {
        return Optional.ofNullable(tokens.get(tokenHash)).map(peers::get)
                .map(peer -> new InboundToken(peer, tokenExpiry.get(tokenHash)));
    }

    @Override
    public synchronized void link(String peerId, String groupId) {
        links.putIfAbsent(linkKey(peerId, groupId), new PeerLink(peerId, groupId, PeerCursor.START, Optional.empty()));
    }

    @Override
    public synchronized void unlink(String peerId, String groupId) {
        links.remove(linkKey(peerId, groupId));
    }

    @Override
    public synchronized List<PeerLink> links(String peerId) {
        return links.values().stream().filter(l -> l.peerId().equals(peerId))
                .sorted(Comparator.comparing(PeerLink::groupId)).toList();
    }

    @Override
    public synchronized List<PeerLink> linksOfGroup(String groupId) {
        return links.values().stream().filter(l -> l.groupId().equals(groupId))
                .sorted(Comparator.comparing(PeerLink::peerId)).toList();
    }

    @Override
    public synchronized Optional<PeerLink> findLink(String peerId, String groupId) {
        return Optional.ofNullable(links.get(linkKey(peerId, groupId)));
    }

    @Override
    public synchronized void updateLink(PeerLink link) {
        links.computeIfPresent(linkKey(link.peerId(), link.groupId()), (k, old) -> link);
    }

    @Override
    public synchronized void quarantine(String groupId, String peerId, List<QuarantinedEvent> events, int keep) {
        quarantineCounts.merge(groupId, (long) events.size(), Long::sum);
        events.forEach(q -> {
            quarantine.removeIf(old -> old.id().equals(q.id()));
            quarantine.add(q);
        });
        List<QuarantinedEvent> ofPeer = quarantine.stream()
                .filter(q -> q.groupId().equals(groupId) && q.peerId().equals(peerId)).toList();
        for (int i = 0; i < ofPeer.size() - keep; i++) {
            quarantine.remove(ofPeer.get(i));
        }
    }

    @Override
    public synchronized List<QuarantinedEvent> quarantined(String groupId, int limit) {
        List<QuarantinedEvent> list = new ArrayList<>(quarantine.stream().filter(q -> q.groupId().equals(groupId)).toList());
        java.util.Collections.reverse(list);
        return list.stream().limit(limit).toList();
    }

    @Override
    public synchronized long quarantinedCount(String groupId) {
        return quarantineCounts.getOrDefault(groupId, 0L);
    }

    @Override
    public synchronized void defer(DeferredEvent event) {
        deferred.putIfAbsent(event.groupId() + "|" + event.eventId(), event);
    }

    @Override
    public synchronized int deferredCount(String groupId, String peerId) {
        return (int) deferred.values().stream().filter(d -> d.groupId().equals(groupId) && d.peerId().equals(peerId)).count();
    }

    @Override
    public synchronized java.util.Set<String> heldEventIds(String groupId, List<String> eventIds) {
        return eventIds.stream().filter(id -> deferred.containsKey(groupId + "|" + id))
                .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public synchronized int deferredCount(String groupId) {
        return (int) deferred.values().stream().filter(d -> d.groupId().equals(groupId)).count();
    }

    @Override
    public synchronized List<DeferredEvent> dueDeferred(Instant now, int limit) {
        return deferred.values().stream().filter(d -> !d.dueAt().isAfter(now))
                .sorted(Comparator.comparing(DeferredEvent::dueAt)).limit(limit).toList();
    }

    @Override
    public synchronized void removeDeferred(String groupId, List<String> eventIds) {
        eventIds.forEach(id -> deferred.remove(groupId + "|" + id));
    }

    @Override
    public synchronized void rememberKey(String instanceId, String publicKeyHex) {
        keys.putIfAbsent(instanceId, publicKeyHex);
    }

    @Override
    public synchronized Optional<String> keyOf(String instanceId) {
        return Optional.ofNullable(keys.get(instanceId));
    }
}
