package org.hivemesh.application.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hivemesh.application.fakes.ForeignInstance;
import org.hivemesh.application.fakes.InMemoryPeerTransport;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.sync.port.in.EventExchangeUseCase;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.HandshakeRequest;
import org.hivemesh.application.sync.port.wire.PushBatch;
import org.hivemesh.application.sync.port.wire.PushReply;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The callee's side of pulls and pushes: bounds, membership, and what a push reply counts. */
class EventExchangeTest {
    private final TestSync there = new TestSync("there", new InMemoryPeerTransport.Network());
    private final String group = there.share("lab");
    private final ForeignInstance member = new ForeignInstance(there.app.signatures);
    private final PeerRecord peer;

    EventExchangeTest() {
        there.handshakeService.accept(new HandshakeRequest("lab", member.instanceId, member.keyHex(), null, null),
                member.instanceId);
        peer = there.sync.peerByInstance(member.instanceId).orElseThrow();
    }

    private PushBatch batch(int size) {
        List<JsonObject> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            events.add(member.post(group, "post " + i, new Hlc(1_000 + i, 0), "mia").toJson());
        }
        return new PushBatch(events, Map.of(member.instanceId, member.keyHex()), size);
    }

    private static void invalid(Executable call) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(HivemeshException.class,
                e -> assertThat(e.kind()).isEqualTo(HivemeshException.Kind.INVALID));
    }

    @Test
    void aPushReplyCountsWhatWasTakenAndTheLogsNewSeq() {
        PushBatch batch = batch(3);

        PushReply first = there.exchange.receive(peer, group, batch);
        PushReply again = there.exchange.receive(peer, group, batch);

        assertThat(first).isEqualTo(new PushReply(there.app.stores.events().currentSeq(group), 3, 0, 0, 0, 0));
        assertThat(again).isEqualTo(new PushReply(first.receivedSeq(), 0, 3, 0, 0, 0));
    }

    @Test
    void aCallersOwnEventsAreLeftOutUnlessItSaysItLostThoseAfterAnHlc() {
        there.exchange.receive(peer, group, batch(3));
        long everything = there.app.stores.events().currentSeq(group);

        List<Hlc> usual = there.exchange.events(peer, group, 0, 100, 0).events().stream()
                .map(e -> Hlc.parse(e.string("hlc"))).toList();
        List<Hlc> restored = there.exchange.events(peer, group, 0, 100, 0, java.util.Optional.of(new Hlc(1_000, 0)))
                .events().stream().filter(e -> e.string("origin").equals(member.instanceId))
                .map(e -> Hlc.parse(e.string("hlc"))).toList();

        assertThat(usual).doesNotContain(new Hlc(1_000, 0), new Hlc(1_001, 0), new Hlc(1_002, 0));
        assertThat(restored).containsExactly(new Hlc(1_001, 0), new Hlc(1_002, 0));
        assertThat(there.exchange.events(peer, group, 0, 100, 0).nextSeq()).isEqualTo(everything);
    }

    @Test
    void aBatchOverTheLimitIsRefusedWholeAndNothingIsStored() {
        long events = there.count(group);
        String digest = there.digest(group);

        invalid(() -> there.exchange.receive(peer, group, batch(EventExchangeUseCase.MAX_PAGE + 1)));

        assertThat(there.count(group)).isEqualTo(events);
        assertThat(there.digest(group)).isEqualTo(digest);
        assertThat(there.sync.quarantinedCount(group)).isZero();
        assertThat(there.exchange.receive(peer, group, batch(EventExchangeUseCase.MAX_PAGE)).accepted())
                .isEqualTo(EventExchangeUseCase.MAX_PAGE);
    }

    @Test
    void pagesAreBoundedAndStartAtACursorThatIsNotNegative() {
        invalid(() -> there.exchange.events(peer, group, 0, 0, 0));
        invalid(() -> there.exchange.events(peer, group, 0, EventExchangeUseCase.MAX_PAGE + 1, 0));
        invalid(() -> there.exchange.events(peer, group, -1, 10, 0));

        assertThat(there.exchange.events(peer, group, 0, EventExchangeUseCase.MAX_PAGE, 0).events()).isNotEmpty();
    }

    @Test
    void aPeerOutsideTheGroupNeitherPullsNorPushes() {
        there.sync.unlink(peer.peerId(), group);
        long events = there.count(group);

        assertThatThrownBy(() -> there.exchange.events(peer, group, 0, 10, 0)).isInstanceOfSatisfying(
                HivemeshException.class, e -> assertThat(e.kind()).isEqualTo(HivemeshException.Kind.FORBIDDEN));
        assertThatThrownBy(() -> there.exchange.receive(peer, group, batch(1))).isInstanceOfSatisfying(
                HivemeshException.class, e -> assertThat(e.kind()).isEqualTo(HivemeshException.Kind.FORBIDDEN));
        assertThatThrownBy(() -> there.exchange.events(peer, "grp_unknown", 0, 10, 0)).isInstanceOfSatisfying(
                HivemeshException.class, e -> assertThat(e.code()).isEqualTo("sync_group_not_found"));
        assertThat(there.count(group)).isEqualTo(events);
    }
}
