package org.hivemesh.application.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.fakes.ForeignInstance;
import org.hivemesh.application.fakes.InMemoryPeerTransport;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.sync.port.out.SyncStore.QuarantinedEvent;
import org.hivemesh.application.sync.port.wire.EventPage;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.event.TargetType;
import org.hivemesh.domain.hive.AuthorityRule;
import org.hivemesh.domain.hive.HiveRules;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@link EventVerifier} and {@link EventIntake} make of the events a peer sends. */
class EventIntakeTest {
    private static final String PEER = "peer_remote";

    private final TestSync here = new TestSync("here", new InMemoryPeerTransport.Network());
    private final String group = here.share("lab");
    private final ForeignInstance remote = new ForeignInstance(here.app.signatures);

    /** Everything intake may change, to show that a refusal changed none of it. */
    private record Snapshot(long events, String digest, long quarantined, List<QuarantinedEvent> reasons, int deferred,
                            int refused) {
    }

    private Snapshot snapshot() {
        return new Snapshot(here.count(group), here.digest(group), here.sync.quarantinedCount(group),
                here.sync.quarantined(group, 100), here.sync.deferredCount(group), here.app.stores.state().refusedCount(group));
    }

    private Hlc secondsFromNow(long seconds) {
        return new Hlc(here.app.clock.now().plusSeconds(seconds).toEpochMilli(), 0);
    }

    private Event post(String title) {
        return remote.post(group, title, secondsFromNow(-10), "rita");
    }

    private EventPage page(List<JsonObject> wires, Map<String, String> keys) {
        return new EventPage(wires, 0, false, keys);
    }

    private EventPage page(Event... events) {
        return page(Stream.of(events).map(Event::toJson).toList(), Map.of(remote.instanceId, remote.keyHex()));
    }

    private EventIntake.Report ingest(EventPage page) {
        return here.intake.ingest(PEER, group, page.events(), page.keys(), () -> {
        });
    }

    @Test
    void anEventTheLogHoldsIsADuplicateWithoutItsSignatureCheckedAgainWhileANewOneIsChecked() {
        Event first = post("first");
        assertThat(ingest(page(first)).accepted()).isEqualTo(1);
        Snapshot before = snapshot();
        JsonValue zeros = JsonValue.of("0".repeat(128));

        EventIntake.Report report = ingest(page(List.of(with(first.toJson(), "signature", zeros),
                with(post("second").toJson(), "signature", zeros)), Map.of(remote.instanceId, remote.keyHex())));

        assertThat(report.duplicate()).isEqualTo(1);
        assertThat(report.accepted()).isZero();
        assertThat(report.quarantined()).isEqualTo(1);
        assertThat(here.count(group)).isEqualTo(before.events());
        assertThat(here.digest(group)).isEqualTo(before.digest());
        assertThat(here.sync.quarantinedCount(group)).isEqualTo(before.quarantined() + 1);
        assertThat(here.sync.quarantined(group, 100)).anySatisfy(q -> assertThat(q.reason()).contains("signature"));
    }

    private static JsonObject with(JsonObject object, String key, JsonValue value) {
        Map<String, JsonValue> members = new TreeMap<>(object.members());
        members.put(key, value);
        return new JsonObject(members);
    }

    @Test
    void aValidEventIsStoredTakesEffectAndTeachesTheOriginsKey() {
        Snapshot before = snapshot();
        Event post = remote.post(group, "from afar", secondsFromNow(30), "rita");

        EventIntake.Report report = ingest(page(post));

        assertThat(report).isEqualTo(new EventIntake.Report(1, 0, 0, 0, 0));
        assertThat(here.count(group)).isEqualTo(before.events() + 1);
        assertThat(here.digest(group)).isNotEqualTo(before.digest());
        assertThat(here.app.stores.state().postWithThread(group, HiveRules.postId(post)).post(HiveRules.postId(post)))
                .hasValueSatisfying(p -> assertThat(p.title()).isEqualTo("from afar"));
        assertThat(here.sync.keyOf(remote.instanceId)).contains(remote.keyHex());
        assertThat(here.sync.quarantinedCount(group)).isZero();
        assertThat(here.app.hlc.next()).as("the local clock moves past what it took in").isGreaterThan(post.hlc());
    }

    /** One bad event each, with the key of its origin offered unless the case is about the key. */
    static Stream<Arguments> refusedEvents() {
        return Stream.of(
                refusal("a signature by another key", "signature does not verify against the key of origin",
                        (t, e) -> t.page(List.of(e.body().signedWith(t.otherSignature(e)).toJson()), t.offered())),
                refusal("content altered under its ID", "malformed or altered event: event id",
                        (t, e) -> t.page(List.of(with(e.toJson(), "payload", with(e.payload().toJson(), "title",
                                JsonValue.of("altered")))), t.offered())),
                refusal("no key for its origin", "no signing key that matches origin",
                        (t, e) -> t.page(List.of(e.toJson()), Map.of())),
                refusal("a key offered that is someone else's", "no signing key that matches origin",
                        (t, e) -> t.page(List.of(e.toJson()),
                                Map.of(t.remote.instanceId, new ForeignInstance(t.here.app.signatures).keyHex()))),
                refusal("a key offered that is not hex", "no signing key that matches origin",
                        (t, e) -> t.page(List.of(e.toJson()), Map.of(t.remote.instanceId, "not a key"))),
                refusal("another group's event", "belongs to group grp_elsewhere",
                        (t, e) -> t.page(t.remote.post("grp_elsewhere", "lost", e.hlc(), "rita"))),
                refusal("a title over the limit", "title must be at most " + EventPayload.MAX_TITLE,
                        (t, e) -> t.page(List.of(with(e.toJson(), "payload", with(e.payload().toJson(), "title",
                                JsonValue.of("x".repeat(EventPayload.MAX_TITLE + 1))))), t.offered())),
                refusal("an agent of another instance", AuthorityRule.AUTHOR_NOT_OF_ORIGIN.wire(),
                        (t, e) -> t.page(t.remote.event(t.group, e.hlc(), new EventPayload.PostCreated("not mine",
                                Optional.empty(), Optional.empty(), new AgentRef("inst_someoneelse0000", "agt_x", "x"))))),
                refusal("a signature that is not 64 bytes of hex", "signature must be 128 lowercase hex",
                        (t, e) -> t.page(List.of(with(e.toJson(), "signature", JsonValue.of("abcd"))), t.offered())),
                refusal("no event at all", "malformed or altered event",
                        (t, e) -> t.page(List.of(JsonObject.builder().put("id", "ev_nothing").build()), t.offered())));
    }

    private static Arguments refusal(String name, String reason, BiFunction<EventIntakeTest, Event, EventPage> page) {
        return Arguments.of(Named.of(name, page), reason);
    }

    private Map<String, String> offered() {
        return Map.of(remote.instanceId, remote.keyHex());
    }

    private String otherSignature(Event event) {
        ForeignInstance other = new ForeignInstance(here.app.signatures);
        return HexFormat.of().formatHex(here.app.signatures.sign(other.keys.privateKey(),
                event.body().canonicalBytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedEvents")
    void aRefusedEventIsQuarantinedWithItsReasonAndChangesNothingElse(BiFunction<EventIntakeTest, Event, EventPage> bad,
                                                                      String reason) {
        Snapshot before = snapshot();
        EventPage page = bad.apply(this, post("bad"));

        EventIntake.Report report = ingest(page);

        assertThat(report).isEqualTo(new EventIntake.Report(0, 0, 0, 1, 0));
        assertThat(here.count(group)).isEqualTo(before.events());
        assertThat(here.digest(group)).isEqualTo(before.digest());
        assertThat(here.sync.deferredCount(group)).isZero();
        assertThat(here.sync.keyOf(remote.instanceId)).isEmpty();
        assertThat(here.sync.quarantinedCount(group)).isEqualTo(1);
        assertThat(here.sync.quarantined(group, 10)).singleElement().satisfies(q -> {
            assertThat(q.reason()).contains(reason);
            assertThat(q.peerId()).isEqualTo(PEER);
            assertThat(q.groupId()).isEqualTo(group);
            assertThat(q.eventId()).isEqualTo(page.events().get(0).optionalString("id"));
            assertThat(q.at()).isEqualTo(here.app.clock.now());
        });
    }

    @Test
    void badEventsNeverHoldBackTheGoodOnesOfTheSameBatch() {
        Event first = post("first");
        Event forged = post("forged");
        Event second = post("second");
        long before = here.count(group);

        EventIntake.Report report = ingest(page(List.of(first.toJson(), forged.body().signedWith(otherSignature(forged))
                .toJson(), second.toJson()), offered()));

        assertThat(report).isEqualTo(new EventIntake.Report(2, 0, 0, 1, 0));
        assertThat(here.count(group)).isEqualTo(before + 2);
        assertThat(here.app.stores.events().find(group, first.id())).isPresent();
        assertThat(here.app.stores.events().find(group, second.id())).isPresent();
        assertThat(here.app.stores.events().find(group, forged.id())).isEmpty();
        assertThat(here.sync.quarantined(group, 10)).extracting(QuarantinedEvent::eventId)
                .containsExactly(Optional.of(forged.id().value()));
    }

    @Test
    void anEventSentAgainIsADuplicateAndChangesNothing() {
        Event post = post("once");
        ingest(page(post));
        Snapshot once = snapshot();

        EventIntake.Report again = ingest(page(post, post));

        assertThat(again).isEqualTo(new EventIntake.Report(0, 2, 0, 0, 0));
        assertThat(snapshot()).isEqualTo(once);
    }

    @Property(tries = 15)
    void anyOrderAndRepetitionOfTheSameEventsEndsInTheSameState(@ForAll @IntRange(min = 1, max = 12) int size,
                                                                @ForAll long seed) {
        TestSync once = new TestSync("once", new InMemoryPeerTransport.Network());
        TestSync shuffled = new TestSync("shuffled", new InMemoryPeerTransport.Network());
        ForeignInstance author = new ForeignInstance(once.app.signatures);
        String lab = "grp_lab";
        HiveRecord hive = new HiveRecord("lab", lab, author.instanceId, "agt_rita", once.app.clock.now());
        once.app.stores.hives().create(hive);
        shuffled.app.stores.hives().create(hive);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Event post = author.post(lab, "post " + i, new Hlc(1_000 + i, 0), "rita");
            events.add(post);
            events.add(author.event(lab, new Hlc(2_000 + i, 0), new EventPayload.VoteCast(TargetType.POST,
                    HiveRules.postId(post), author.agent("vic"), i % 2 == 0 ? 1 : -1)));
        }
        Random random = new Random(seed);
        List<Event> delivered = new ArrayList<>(events);
        for (int i = 0; i < size; i++) {
            delivered.add(events.get(random.nextInt(events.size())));
        }
        Collections.shuffle(delivered, random);
        Map<String, String> keys = Map.of(author.instanceId, author.keyHex());

        once.intake.ingest(PEER, lab, events.stream().map(Event::toJson).toList(), keys, () -> {
        });
        for (int at = 0; at < delivered.size(); at += 3) {
            shuffled.intake.ingest(PEER, lab, delivered.subList(at, Math.min(at + 3, delivered.size()))
                    .stream().map(Event::toJson).toList(), keys, () -> {
            });
        }

        assertThat(shuffled.digest(lab)).isEqualTo(once.digest(lab));
        assertThat(shuffled.count(lab)).isEqualTo(events.size());
    }

    @Test
    void anEventWithoutAuthorityIsStoredAsRefusedAndTakesNoEffect() {
        here.post("lab", 1);
        String postId = here.app.stores.state().feed(group, StateStore.FeedOrder.NEW, 1, Optional.empty()).posts().get(0).postId();
        Snapshot before = snapshot();
        Event edit = remote.event(group, secondsFromNow(1), new EventPayload.PostUpdated(postId, Optional.of("taken over"),
                Optional.empty(), Optional.empty(), remote.agent("rita")));

        EventIntake.Report report = ingest(page(edit));

        assertThat(report).isEqualTo(new EventIntake.Report(1, 0, 0, 0, 1));
        assertThat(here.count(group)).isEqualTo(before.events() + 1);
        assertThat(here.digest(group)).isEqualTo(before.digest());
        assertThat(here.sync.quarantinedCount(group)).isZero();
        assertThat(here.app.stores.state().refused(group, 10)).singleElement().satisfies(r -> {
            assertThat(r.event()).isEqualTo(edit);
            assertThat(r.rule()).isEqualTo(AuthorityRule.NOT_AUTHOR_MODERATOR_OR_OWNER);
        });
        assertThat(here.app.stores.state().postWithThread(group, postId).post(postId).orElseThrow().title())
                .isEqualTo("here post 0");
    }

    @Test
    void quarantineKeepsTheLatestReasonsOfAPeerButCountsEveryEvent() {
        List<JsonObject> forged = new ArrayList<>();
        for (int i = 0; i < EventIntake.QUARANTINE_KEPT + 5; i++) {
            Event e = post("forged " + i);
            forged.add(e.body().signedWith(otherSignature(e)).toJson());
        }

        ingest(page(forged, offered()));

        assertThat(here.sync.quarantinedCount(group)).isEqualTo(EventIntake.QUARANTINE_KEPT + 5);
        assertThat(here.sync.quarantined(group, 100)).hasSize(EventIntake.QUARANTINE_KEPT)
                .allSatisfy(q -> assertThat(q.reason()).contains("signature does not verify"));
    }

    @Test
    void keysOfferedForAnEventAreOurOwnAndThoseLearnedBefore() {
        here.post("lab", 1);
        ingest(page(post("learned")));
        List<Event> mixed = here.app.stores.events().read(group, 0, 100).stream()
                .map(StoredEvent::event).toList();

        Map<String, String> keys = here.verifier.keysFor(mixed);

        assertThat(keys).containsOnly(Map.entry(here.id(), here.app.identity.publicKeyHex()),
                Map.entry(remote.instanceId, remote.keyHex()));
        assertThat(here.verifier.keysFor(List.of(new ForeignInstance(here.app.signatures).post(group, "stranger",
                secondsFromNow(0), "sam")))).isEmpty();
    }

}
