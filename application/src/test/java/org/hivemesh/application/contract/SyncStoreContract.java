package org.hivemesh.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.DeferredEvent;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.out.SyncStore.QuarantinedEvent;
import org.hivemesh.domain.consent.OversightBy;
import org.hivemesh.domain.consent.OversightPolicy;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.HiveSyncState;
import org.hivemesh.domain.peer.PeerCursor;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.junit.jupiter.api.Test;

/** The sync part of the storage contract; every backend extends StoreContract and so runs these too. */
public abstract class SyncStoreContract extends StoreContract {
    private SyncStore sync() {
        return stores().sync();
    }

    private PeerRecord peer(String endpoint) {
        return new PeerRecord(unique("peer_"), "b", endpoint, Optional.of(unique("inst_")), Optional.of("ab".repeat(32)),
                Optional.of("token"), PeerSource.MANUAL, PeerStatus.ACTIVE, 0, Optional.empty(), Optional.empty(),
                List.of("lab", "ops"), Instant.now().truncatedTo(ChronoUnit.MILLIS), 1, "gossip from inst_a");
    }

    @Test
    void groupsArePerHiveAndPeersAreFoundByIdInstanceEndpointAndToken() {
        String hive = unique("hive");
        SyncGroup group = new SyncGroup(unique("grp_"), hive, "inst_owner", Consent.OPEN, SyncGroup.DEFAULT_METHOD, "lin_1");
        sync().createGroup(group, Instant.now());
        PeerRecord peer = peer("http://" + unique("h") + ":7070/sync/v1");
        sync().savePeer(peer);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        sync().addInboundToken(peer.peerId(), unique("hash"), now, now.plusSeconds(60));
        String tokenHash = unique("hash");
        sync().addInboundToken(peer.peerId(), tokenHash, now, now.plusSeconds(120));

        assertThat(sync().groupByHive(hive)).contains(group);
        assertThat(sync().group(group.groupId())).contains(group);
        assertThat(sync().peer(peer.peerId())).contains(peer);
        assertThat(sync().peerByInstance(peer.instanceId().get())).contains(peer);
        assertThat(sync().peerByEndpoint(peer.syncEndpoint())).contains(peer);
        assertThat(sync().peerByInboundToken(tokenHash)).hasValueSatisfying(t -> {
            assertThat(t.peer()).isEqualTo(peer);
            assertThat(t.expiresAt()).isEqualTo(now.plusSeconds(120));
        });
        assertThat(sync().peerByInboundToken("nope")).isEmpty();
    }

    @Test
    void recordingAContactChangesOnlyItsFieldsSoAStaleReadUndoesNothing() {
        Stores s = stores();
        PeerRecord stale = peer("http://" + unique("contact") + ".test/sync/v1");
        s.sync().savePeer(stale);
        s.sync().savePeer(stale.withHives(List.of("ml-lab", "board")));
        Instant seen = Instant.parse("2026-01-02T03:04:05Z");

        s.sync().recordContact(stale.peerId(), PeerStatus.UNREACHABLE, 3, Optional.of(seen), Optional.of("timed out"));
        s.sync().recordContact(unique("peer_gone"), PeerStatus.ACTIVE, 0, Optional.of(seen), Optional.empty());

        PeerRecord now = s.sync().peer(stale.peerId()).orElseThrow();
        assertThat(now.sharedHives()).containsExactly("ml-lab", "board");
        assertThat(now.status()).isEqualTo(PeerStatus.UNREACHABLE);
        assertThat(now.consecutiveFailures()).isEqualTo(3);
        assertThat(now.lastSeen()).contains(seen);
        assertThat(now.lastError()).contains("timed out");
        assertThat(now.withContact(stale.status(), stale.consecutiveFailures(), stale.lastSeen(), stale.lastError())
                .withHives(stale.sharedHives())).isEqualTo(stale);
    }

    @Test
    void aGroupsOversightPolicyIsReplacedWholeAndOtherGroupsHaveNone() {
        String group = unique("grp_o");
        OversightPolicy first = new OversightPolicy(3, true, false, true, OversightBy.ROSTER);
        OversightPolicy second = new OversightPolicy(OversightPolicy.UNLIMITED, false, true, false, OversightBy.ADMIN);

        stores().oversight().saveOversight(group, first);
        assertThat(stores().oversight().oversight(group)).contains(first);
        stores().oversight().saveOversight(group, second);

        assertThat(stores().oversight().oversight(group)).contains(second);
        assertThat(stores().oversight().oversight(unique("grp_none"))).isEmpty();
    }

    @Test
    void linksKeepTheirCursorsWhenLinkedAgainAndGoWithThePeer() {
        PeerRecord peer = peer("http://" + unique("h") + ":7070/sync/v1");
        sync().savePeer(peer);
        String group = unique("grp_");
        sync().link(peer.peerId(), group);
        sync().updateLink(new PeerLink(peer.peerId(), group, new PeerCursor(7, 5, 9), Optional.of(Instant.now().truncatedTo(ChronoUnit.MILLIS))));
        sync().link(peer.peerId(), group);

        assertThat(sync().findLink(peer.peerId(), group)).hasValueSatisfying(l -> {
            assertThat(l.cursor()).isEqualTo(new PeerCursor(7, 5, 9));
        });
        assertThat(sync().linksOfGroup(group)).hasSize(1);

        sync().deletePeer(peer.peerId());
        assertThat(sync().linksOfGroup(group)).isEmpty();
        assertThat(sync().peer(peer.peerId())).isEmpty();
    }

    @Test
    void hiveStatesAreKeptPerPeerAndHiveReplacedAndGoWithThePeer() {
        PeerRecord peer = peer("http://" + unique("h") + ":7070/sync/v1");
        sync().savePeer(peer);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        HiveSyncState pending = HiveSyncState.pending(peer.peerId(), "board", "plan_1", "waits for inst_b", now,
                Optional.empty());
        HiveSyncState failing = HiveSyncState.failing(peer.peerId(), "lab", "other lineage", now, Optional.empty());
        HiveSyncState down = HiveSyncState.turnedDown(peer.peerId(), "board", Optional.of("plan_1"), "rejected", now);
        sync().saveHiveState(pending);
        sync().saveHiveState(failing);

        assertThat(sync().hiveState(peer.peerId(), "board")).contains(pending);
        sync().saveHiveState(down);
        assertThat(sync().hiveStates(peer.peerId())).containsExactly(down, failing);
        assertThat(sync().hiveState(peer.peerId(), "board").orElseThrow().nextAttempt()).isEqualTo(Instant.MAX);
        sync().clearHiveState(peer.peerId(), "lab");
        assertThat(sync().hiveStates(peer.peerId())).containsExactly(down);

        sync().deletePeer(peer.peerId());
        assertThat(sync().hiveStates(peer.peerId())).isEmpty();
    }

    private static QuarantinedEvent bad(String group, String peer, int n) {
        return new QuarantinedEvent("qua_" + group + n, group, Optional.of("ev_" + n), peer, "signature does not verify " + n,
                Instant.ofEpochMilli(1_800_000_000_000L + n));
    }

    @Test
    void quarantineCountsEveryBadEventButKeepsOnlyTheLatestReasonsPerPeer() {
        String group = unique("grp_");
        sync().quarantine(group, "peer_1", List.of(bad(group, "peer_1", 1), bad(group, "peer_1", 2)), 3);
        sync().quarantine(group, "peer_1", List.of(bad(group, "peer_1", 3), bad(group, "peer_1", 4)), 3);
        sync().quarantine(group, "peer_2", List.of(bad(group, "peer_2", 5)), 3);
        sync().quarantine(group, "peer_2", List.of(bad(group, "peer_2", 5)), 3);

        assertThat(sync().quarantinedCount(group)).isEqualTo(6);
        assertThat(sync().quarantined(group, 10)).extracting(QuarantinedEvent::reason).containsExactly(
                "signature does not verify 5", "signature does not verify 4", "signature does not verify 3",
                "signature does not verify 2");
    }

    @Test
    void deferredEventsWaitUntilDueOncePerEvent() {
        String group = unique("grp_");
        Instant due = Instant.ofEpochMilli(1_900_000_000_000L);
        DeferredEvent later = new DeferredEvent(group, "ev_later", "peer_1", "{}", "ab", due.plusSeconds(60), due);
        DeferredEvent soon = new DeferredEvent(group, "ev_soon", "peer_1", "{}", "ab", due, due);
        sync().defer(later);
        sync().defer(soon);
        sync().defer(soon);

        assertThat(sync().deferredCount(group)).isEqualTo(2);
        assertThat(sync().deferredCount(group, "peer_1")).isEqualTo(2);
        assertThat(sync().deferredCount(group, "peer_2")).isZero();
        assertThat(sync().heldEventIds(group, List.of("ev_soon", "ev_other"))).containsExactly("ev_soon");
        assertThat(sync().dueDeferred(due, 10)).filteredOn(d -> d.groupId().equals(group)).containsExactly(soon);

        sync().removeDeferred(group, List.of("ev_soon"));

        assertThat(sync().deferredCount(group)).isEqualTo(1);
        assertThat(sync().dueDeferred(due.plusSeconds(60), 10)).filteredOn(d -> d.groupId().equals(group)).containsExactly(later);
    }

    @Test
    void theFirstKeyLearnedForAnInstanceStays() {
        String instance = unique("inst_");
        sync().rememberKey(instance, "aa");
        sync().rememberKey(instance, "bb");

        assertThat(sync().keyOf(instance)).contains("aa");
    }
}
