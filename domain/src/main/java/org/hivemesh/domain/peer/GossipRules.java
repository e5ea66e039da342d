package org.hivemesh.domain.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Peer gossip (seed 3.14) as pure functions. A peer's "pass-on TTL" is the TTL it is gossiped with: manual
 * peers start at {@code defaultTtl}, hub peers at {@code hubTtl}, and a peer learned at TTL t is passed on at
 * t - 1; below 0 it is not passed on at all.
 */
public final class GossipRules {
    private GossipRules() {
    }

    public record Settings(int defaultTtl, int hubTtl, int maxGossipPeersPerHive) {
    }

    /** What this instance knows about one of its peers, for gossip. */
    public record Entry(String syncEndpoint, String name, Optional<String> instanceId, Optional<String> signingKey,
                        List<String> sharedHives, PeerSource source, int learnedTtl) {
    }

    public static int passOnTtl(Entry entry, Settings settings) {
        return switch (entry.source()) {
            case MANUAL, HANDSHAKE -> settings.defaultTtl();
            case HUB -> settings.hubTtl();
            case GOSSIP -> entry.learnedTtl() - 1;
        };
    }

    /**
     * The peers to tell {@code recipient} about: only those sharing a hive with it (and only those hives), never the
     * recipient itself, and only while their pass-on TTL is not negative.
     */
    public static List<KnownPeer> toShare(Entry recipient, Set<String> hivesWithRecipient, List<Entry> mine,
                                          Settings settings) {
        List<KnownPeer> out = new ArrayList<>();
        for (Entry peer : mine) {
            if (peer.syncEndpoint().equals(recipient.syncEndpoint()) || peer.signingKey().isEmpty()
                    || (peer.instanceId().isPresent() && peer.instanceId().equals(recipient.instanceId()))) {
                continue;
            }
            int ttl = passOnTtl(peer, settings);
            List<String> common = peer.sharedHives().stream().filter(hivesWithRecipient::contains).toList();
            if (ttl >= 0 && !common.isEmpty()) {
                out.add(new KnownPeer(peer.syncEndpoint(), peer.name(), common, peer.signingKey().get(), ttl));
            }
        }
        return out;
    }

    /** What to do with one gossiped peer. */
    public sealed interface Learned permits Ignore, Add, Extend {
    }

    public record Ignore(String reason) implements Learned {
    }

    /** A new gossip entry for these hives, learned at {@code ttl}. */
    public record Add(List<String> hives, int ttl) implements Learned {
    }

    /** An existing gossip entry gains hives or a higher TTL. */
    public record Extend(List<String> hives, int ttl) implements Learned {
    }

    /**
     * Whether to take in {@code gossip}: only for hives this instance has, never over a manual or hub entry, never
     * about itself, and only while the hive's gossip peers stay under the cap.
     */
    public static Learned learn(KnownPeer gossip, Optional<Entry> existing, boolean isSelf, Set<String> localHives,
                                int gossipPeersInTheseHives, Settings settings) {
        if (isSelf) {
            return new Ignore("that is this instance");
        }
        List<String> hives = gossip.sharedHives().stream().filter(localHives::contains).distinct().toList();
        if (hives.isEmpty()) {
            return new Ignore("shares no hive with this instance");
        }
        if (existing.isPresent()) {
            Entry known = existing.get();
            if (!PeerSource.GOSSIP.mayReplace(known.source())) {
                return new Ignore(known.source().wire() + " entries are never changed by gossip");
            }
            List<String> union = new ArrayList<>(known.sharedHives());
            hives.stream().filter(h -> !union.contains(h)).forEach(union::add);
            int ttl = Math.max(known.learnedTtl(), gossip.ttl());
            if (union.equals(known.sharedHives()) && ttl == known.learnedTtl()) {
                return new Ignore("already known");
            }
            return new Extend(union, ttl);
        }
        if (gossipPeersInTheseHives >= settings.maxGossipPeersPerHive()) {
            return new Ignore("the hive already has " + settings.maxGossipPeersPerHive() + " gossip peers");
        }
        return new Add(hives, gossip.ttl());
    }
}
