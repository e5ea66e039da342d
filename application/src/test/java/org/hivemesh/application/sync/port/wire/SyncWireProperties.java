package org.hivemesh.application.sync.port.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hivemesh.domain.consent.OversightBy;
import org.hivemesh.domain.consent.OversightPolicy;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.peer.KnownPeer;

/** Every message, whatever it holds, reads back from its bytes as what was written. */
class SyncWireProperties {
    private static final long MAX_SAFE = 9007199254740991L;

    private static JsonObject bytes(JsonObject json) {
        return Json.parseObject(json.canonical());
    }

    @Property(tries = 300)
    void handshakeRequestsSurviveTheWire(@ForAll("handshakeRequests") HandshakeRequest request) {
        assertThat(SyncWire.handshakeRequest(bytes(SyncWire.toJson(request)))).isEqualTo(request);
    }

    @Property(tries = 300)
    void handshakeRepliesSurviveTheWire(@ForAll("handshakeReplies") HandshakeReply reply) {
        assertThat(SyncWire.handshakeReply(bytes(SyncWire.toJson(reply)))).isEqualTo(reply);
    }

    @Property(tries = 300)
    void eventPagesSurviveTheWire(@ForAll("eventPages") EventPage page) {
        assertThat(SyncWire.eventPage(bytes(SyncWire.toJson(page)))).isEqualTo(page);
    }

    @Property(tries = 300)
    void pushBatchesSurviveTheWire(@ForAll("pushBatches") PushBatch batch) {
        assertThat(SyncWire.pushBatch(bytes(SyncWire.toJson(batch)))).isEqualTo(batch);
    }

    @Property(tries = 300)
    void pushRepliesSurviveTheWire(@ForAll("pushReplies") PushReply reply) {
        assertThat(SyncWire.pushReply(bytes(SyncWire.toJson(reply)))).isEqualTo(reply);
    }

    @Property(tries = 300)
    void heartbeatsSurviveTheWire(@ForAll("heartbeats") Heartbeat beat) {
        assertThat(SyncWire.heartbeat(bytes(SyncWire.toJson(beat)))).isEqualTo(beat);
    }

    @Property(tries = 300)
    void rostersSurviveTheWire(@ForAll("rosters") RosterMessage roster) {
        assertThat(SyncWire.roster(bytes(SyncWire.toJson(roster)))).isEqualTo(roster);
    }

    /** Any Unicode text short of lone surrogates, which JSON cannot carry: quotes, backslashes, controls included. */
    private static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF').ofMaxLength(12);
    }

    private static Arbitrary<Long> seq() {
        return Arbitraries.longs().between(0, MAX_SAFE);
    }

    private static Arbitrary<Integer> count() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE);
    }

    private static Arbitrary<Map<String, String>> keys() {
        return Arbitraries.maps(text(), text()).ofMaxSize(4);
    }

    private static Arbitrary<List<JsonObject>> events() {
        Arbitrary<JsonObject> event = Combinators.combine(text(), text(), seq())
                .as((id, origin, wall) -> JsonObject.builder().put("id", id).put("origin", origin)
                        .put("payload", JsonObject.builder().put("wall", wall).build()).build());
        return event.list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<HandshakeRequest> handshakeRequests() {
        return Combinators.combine(text(), text(), text(), text().injectNull(0.3), text().injectNull(0.3))
                .as(HandshakeRequest::new);
    }

    @Provide
    Arbitrary<HandshakeReply> handshakeReplies() {
        Arbitrary<Instant> expiry = Arbitraries.longs().between(0, 253402300799L).map(Instant::ofEpochSecond);
        return Combinators.combine(text().list().ofSize(10), Arbitraries.longs().between(-MAX_SAFE, MAX_SAFE),
                expiry.injectNull(0.3), policies().optional()).as((t, seq, expires, policy) -> new HandshakeReply(t.get(0),
                t.get(1), t.get(2), seq, t.get(3), expires, t.get(4), t.get(5), t.get(6), t.get(7), t.get(8), t.get(9),
                policy));
    }

    private static Arbitrary<OversightPolicy> policies() {
        return Combinators.combine(Arbitraries.integers().between(0, OversightPolicy.UNLIMITED),
                Arbitraries.of(true, false).list().ofSize(3), Arbitraries.of(OversightBy.class))
                .as((max, flags, by) -> new OversightPolicy(max, flags.get(0), flags.get(1), flags.get(2), by));
    }

    @Provide
    Arbitrary<EventPage> eventPages() {
        return Combinators.combine(events(), seq(), Arbitraries.of(true, false), keys()).as(EventPage::new);
    }

    @Provide
    Arbitrary<PushBatch> pushBatches() {
        return Combinators.combine(events(), keys(), seq()).as(PushBatch::new);
    }

    @Provide
    Arbitrary<PushReply> pushReplies() {
        return Combinators.combine(seq(), count(), count(), count(), count(), count()).as(PushReply::new);
    }

    @Provide
    Arbitrary<Heartbeat> heartbeats() {
        Arbitrary<KnownPeer> peer = Combinators.combine(text(), text(), text().list().ofMaxSize(3), text(),
                Arbitraries.integers().between(0, 10)).as(KnownPeer::new);
        return Combinators.combine(text(), Arbitraries.maps(text(), seq()).ofMaxSize(4), peer.list().ofMaxSize(3))
                .as(Heartbeat::new);
    }

    @Provide
    Arbitrary<RosterMessage> rosters() {
        Arbitrary<OversightPolicy> policy = Combinators.combine(Arbitraries.integers().between(0, 50)
                        .injectDuplicates(0.2).map(n -> n == 50 ? OversightPolicy.UNLIMITED : n), Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(OversightBy.values()))
                .as(OversightPolicy::new);
        return Combinators.combine(text().list().ofMaxSize(5), policy.optional())
                .as(RosterMessage::new);
    }
}
