package org.hivemesh.domain.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GossipRulesTest {
    private static final GossipRules.Settings SETTINGS = new GossipRules.Settings(2, 1, 50);

    private static GossipRules.Entry entry(String name, PeerSource source, int learnedTtl, String... hives) {
        return new GossipRules.Entry("http://" + name + "/sync/v1", name, Optional.of("inst_" + name),
                Optional.of("key-" + name), List.of(hives), source, learnedTtl);
    }

    @Test
    void manualPeersAreGossipedAtTwoHubPeersAtOneAndLearnedPeersOneLower() {
        GossipRules.Entry recipient = entry("r", PeerSource.MANUAL, 0, "eng");
        List<KnownPeer> shared = GossipRules.toShare(recipient, Set.of("eng"), List.of(
                entry("m", PeerSource.MANUAL, 0, "eng"),
                entry("h", PeerSource.HUB, 0, "eng"),
                entry("g1", PeerSource.GOSSIP, 1, "eng"),
                entry("g0", PeerSource.GOSSIP, 0, "eng")), SETTINGS);

        assertThat(shared).extracting(KnownPeer::name, KnownPeer::ttl)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("m", 2), org.assertj.core.groups.Tuple.tuple("h", 1),
                        org.assertj.core.groups.Tuple.tuple("g1", 0));
    }

    @Test
    void onlyPeersSharingAHiveWithTheRecipientAreToldAndOnlyThoseHives() {
        GossipRules.Entry recipient = entry("r", PeerSource.MANUAL, 0, "eng");
        List<KnownPeer> shared = GossipRules.toShare(recipient, Set.of("eng"), List.of(
                entry("both", PeerSource.MANUAL, 0, "eng", "secret"),
                entry("other", PeerSource.MANUAL, 0, "secret"),
                recipient), SETTINGS);

        assertThat(shared).singleElement().satisfies(k -> {
            assertThat(k.name()).isEqualTo("both");
            assertThat(k.sharedHives()).containsExactly("eng");
        });
    }

    @Test
    void gossipNeverChangesManualOrHubEntriesAndIgnoresHivesNotHere() {
        KnownPeer gossip = new KnownPeer("http://x/sync/v1", "x", List.of("eng", "ml"), "key-x", 1);

        assertThat(GossipRules.learn(gossip, Optional.of(entry("x", PeerSource.MANUAL, 0, "eng")), false, Set.of("eng", "ml"), 0, SETTINGS))
                .isInstanceOf(GossipRules.Ignore.class);
        assertThat(GossipRules.learn(gossip, Optional.of(entry("x", PeerSource.HUB, 0, "eng")), false, Set.of("eng", "ml"), 0, SETTINGS))
                .isInstanceOf(GossipRules.Ignore.class);
        assertThat(GossipRules.learn(gossip, Optional.empty(), false, Set.of("ops"), 0, SETTINGS))
                .isInstanceOf(GossipRules.Ignore.class);
        assertThat(GossipRules.learn(gossip, Optional.empty(), true, Set.of("eng"), 0, SETTINGS))
                .isInstanceOf(GossipRules.Ignore.class);
        assertThat(GossipRules.learn(gossip, Optional.empty(), false, Set.of("eng"), 0, SETTINGS))
                .isEqualTo(new GossipRules.Add(List.of("eng"), 1));
        assertThat(GossipRules.learn(gossip, Optional.of(entry("x", PeerSource.GOSSIP, 0, "eng")), false, Set.of("eng", "ml"), 0, SETTINGS))
                .isEqualTo(new GossipRules.Extend(List.of("eng", "ml"), 1));
        assertThat(GossipRules.learn(gossip, Optional.empty(), false, Set.of("eng"), 50, SETTINGS))
                .isInstanceOf(GossipRules.Ignore.class);
    }

    @Test
    void hubBeatsGossipAndManualBeatsBoth() {
        assertThat(PeerSource.HUB.mayReplace(PeerSource.GOSSIP)).isTrue();
        assertThat(PeerSource.GOSSIP.mayReplace(PeerSource.HUB)).isFalse();
        assertThat(PeerSource.HUB.mayReplace(PeerSource.MANUAL)).isFalse();
        assertThat(PeerSource.MANUAL.mayReplace(PeerSource.HUB)).isTrue();
    }

    @Test
    void aPeerLearnedAtOneIsPassedOnAtZeroAndNoFurther() {
        GossipRules.Entry learnedAtOne = entry("c", PeerSource.GOSSIP, 1, "eng");
        GossipRules.Entry learnedAtZero = entry("c", PeerSource.GOSSIP, 0, "eng");

        assertThat(GossipRules.passOnTtl(learnedAtOne, SETTINGS)).isZero();
        assertThat(GossipRules.toShare(entry("r", PeerSource.MANUAL, 0), Set.of("eng"), List.of(learnedAtZero), SETTINGS))
                .isEmpty();
    }
}
