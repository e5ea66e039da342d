package org.hivemesh.adapters.peers.discovery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hivemesh.application.sync.port.out.PeerResolver;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.domain.peer.PeerStatus;

/**
 * The resolvers of the configured discovery mode, in precedence order (manual > hub > gossip): a peer known to
 * several is taken from the first. Status changes are noticed whenever the peers are listed.
 */
public final class CompositePeerResolver implements PeerResolver {
    private final List<PeerResolver> byPrecedence;
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, PeerStatus> lastSeen = new ConcurrentHashMap<>();

    public CompositePeerResolver(List<PeerResolver> byPrecedence) {
        this.byPrecedence = List.copyOf(byPrecedence);
    }

    @Override
    public List<PeerRecord> allPeers() {
        List<PeerRecord> peers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PeerResolver resolver : byPrecedence) {
            for (PeerRecord peer : resolver.allPeers()) {
                boolean fresh = seen.add(peer.syncEndpoint()) & peer.instanceId().map(seen::add).orElse(true);
                if (fresh) {
                    peers.add(peer);
                }
            }
        }
        notice(peers);
        return peers;
    }

    private void notice(List<PeerRecord> peers) {
        for (PeerRecord peer : peers) {
            PeerStatus before = lastSeen.put(peer.peerId(), peer.status());
            if (before != null && before != peer.status()) {
                listeners.forEach(l -> l.changed(peer, before, peer.status()));
            }
        }
    }

    @Override
    public List<PeerRecord> peersForGroup(String groupId) {
        Set<String> ids = new HashSet<>();
        for (PeerResolver resolver : byPrecedence) {
            resolver.peersForGroup(groupId).forEach(p -> ids.add(p.peerId()));
        }
        return allPeers().stream().filter(p -> ids.contains(p.peerId())).toList();
    }

    @Override
    public boolean isOnline(String peerId) {
        return byPrecedence.stream().anyMatch(r -> r.isOnline(peerId));
    }

    /** Called when a peer's status is seen to change, e.g. to catch it up when it comes back. */
    public void onStatusChange(StatusListener listener) {
        listeners.add(listener);
    }

    public interface StatusListener {
        void changed(PeerRecord peer, PeerStatus from, PeerStatus to);
    }
}
