package org.hivemesh.application.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.hivemesh.application.fakes.ForeignInstance;
import org.hivemesh.application.fakes.InMemoryPeerTransport;
import org.hivemesh.application.fakes.InMemoryPeerTransport.Call;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.shared.port.out.AuditLog.AuditRecord;
import org.hivemesh.application.shared.port.out.StorageFull;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.EventPage;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Backfill and catch-up from a peer's log, page by page from a durable cursor. */
class CatchUpTest {
    private static final int PAGE = 3;

    private final InMemoryPeerTransport.Network network = new InMemoryPeerTransport.Network();
    private final TestSync.Settings settings = TestSync.Settings.defaults().with(new TransferSettings(PAGE, PAGE));
    private final TestSync there = new TestSync("there", network, settings);
    private final TestSync here = new TestSync("here", network, settings);
    private String group;
    private long theirSeq;

    @BeforeEach
    void thereHasAHistoryAndHereHasJustJoined() {
        group = there.share("lab");
        there.post("lab", 10);
        theirSeq = there.app.stores.events().currentSeq(group);
        here.join(there, "lab");
    }

    private PeerRecord peer() {
        return here.peerOf(there);
    }

    private PeerLink link() {
        return here.linkWith(there, group);
    }

    private EventIntake.Report catchUp() {
        return here.catchUp.from(peer(), link(), "test");
    }

    private List<Long> pulledSince() {
        return here.transport.calls("pull").stream().map(Call::since).toList();
    }

    /** Every event of theirs up to {@code seq} is stored here: what a cursor at {@code seq} promises. */
    private boolean storedUpTo(long seq) {
        return there.app.stores.events().read(group, 0, (int) seq).stream()
                .allMatch(s -> here.app.stores.events().find(group, s.event().id()).isPresent());
    }

    @Test
    void pagesAreFollowedUntilThePeerHasNoMoreAndBothSidesEndWithOneState() {
        EventIntake.Report report = catchUp();

        assertThat(report.accepted()).isEqualTo(theirSeq);
        assertThat(pulledSince()).containsExactlyElementsOf(LongStream.iterate(0, s -> s < theirSeq, s -> s + PAGE)
                .boxed().toList());
        assertThat(here.transport.calls("pull")).allSatisfy(c -> assertThat(c.limit()).isEqualTo(PAGE));
        assertThat(here.count(group)).isEqualTo(there.count(group));
        assertThat(here.digest(group)).isEqualTo(there.digest(group));
        assertThat(link().cursor().received()).isEqualTo(theirSeq);
        assertThat(link().lastSync()).contains(here.app.clock.now());
    }

    @Test
    void theCursorNeverRunsAheadOfWhatIsStored() {
        List<Long> cursors = new ArrayList<>();
        here.transport.beforeEachCall(call -> {
            long cursor = link().cursor().received();
            cursors.add(cursor);
            assertThat(storedUpTo(cursor)).as("every event up to cursor %d is stored", cursor).isTrue();
        });

        catchUp();

        assertThat(cursors).isSorted().hasSize(pulledSince().size()).last().isNotEqualTo(0L);
        assertThat(storedUpTo(link().cursor().received())).isTrue();
    }

    @Test
    void aPageThatCannotBeStoredLeavesTheCursorWhereItWas() {
        List<Long> cursorsAtPulls = new ArrayList<>();
        here.transport.beforeEachCall(call -> {
            cursorsAtPulls.add(link().cursor().received());
            if (call.since() == 2L * PAGE) {
                here.app.eventStore.failNextAppend(new StorageFull("disk full", null));
            }
        });

        assertThatThrownBy(this::catchUp).isInstanceOf(StorageFull.class);

        long cursor = link().cursor().received();
        assertThat(cursor).isLessThan(theirSeq).isEqualTo(here.count(group));
        assertThat(storedUpTo(cursor)).isTrue();
        assertThat(here.count(group)).isLessThan(there.count(group));
    }

    @Test
    void aFailureMidwayResumesFromTheCursorWithoutFetchingStoredPagesAgain() {
        here.transport.failNext(call -> call.operation().equals("pull") && call.since() == 2L * PAGE,
                new PeerTransport.PeerUnavailable("connection reset", null));

        assertThatThrownBy(this::catchUp).isInstanceOf(PeerTransport.PeerUnavailable.class);
        long cursor = link().cursor().received();
        assertThat(cursor).isEqualTo(2L * PAGE).isEqualTo(here.count(group));
        assertThat(storedUpTo(cursor)).isTrue();
        int pullsBefore = pulledSince().size();

        EventIntake.Report resumed = catchUp();

        assertThat(pulledSince().subList(pullsBefore, pulledSince().size())).first().isEqualTo(cursor);
        assertThat(resumed.accepted()).isEqualTo(theirSeq - cursor);
        assertThat(resumed.duplicate()).isZero();
        assertThat(here.digest(group)).isEqualTo(there.digest(group));
        assertThat(link().cursor().received()).isEqualTo(theirSeq);
    }

    @Test
    void aHostilePageHasItsBadEventsQuarantinedAndTheRestStored() {
        ForeignInstance stranger = new ForeignInstance(here.app.signatures);
        Event forged = stranger.post(group, "forged", new Hlc(1_000, 0), "eve");
        JsonObject badSignature = forged.body().signedWith(HexFormat.of().formatHex(new byte[64])).toJson();
        JsonObject otherGroup = stranger.post("grp_elsewhere", "lost", forged.hlc(), "eve").toJson();
        JsonObject unknownKey = new ForeignInstance(here.app.signatures).post(group, "who?", forged.hlc(), "x").toJson();
        here.transport.rewritePages(page -> {
            if (page.nextSeq() != 2L * PAGE) {
                return page;
            }
            List<JsonObject> events = new ArrayList<>(page.events());
            events.add(1, badSignature);
            events.add(otherGroup);
            events.add(unknownKey);
            Map<String, String> keys = new LinkedHashMap<>(page.keys());
            keys.put(stranger.instanceId, stranger.keyHex());
            return new EventPage(events, page.nextSeq(), page.hasMore(), keys);
        });

        EventIntake.Report report = catchUp();

        assertThat(report.quarantined()).isEqualTo(3);
        assertThat(report.accepted()).isEqualTo(theirSeq);
        assertThat(here.digest(group)).isEqualTo(there.digest(group));
        assertThat(here.count(group)).isEqualTo(there.count(group));
        assertThat(here.sync.quarantinedCount(group)).isEqualTo(3);
        assertThat(here.sync.quarantined(group, 10)).allSatisfy(q -> assertThat(q.peerId()).isEqualTo(peer().peerId()))
                .extracting(q -> q.eventId().orElseThrow()).containsExactlyInAnyOrder(forged.id().value(),
                        otherGroup.string("id"), unknownKey.string("id"));
        assertThat(link().cursor().received()).isEqualTo(theirSeq);
        assertThat(mergeAudit()).hasValueSatisfying(a -> {
            assertThat(a.details().string("outcome")).isEqualTo("merged with quarantine");
            assertThat(a.details().string("digest_after")).isEqualTo(there.digest(group));
        });
    }

    @Test
    void aPeerThatAlwaysClaimsMoreCannotKeepUsPullingOnceItsCursorStops() {
        here.transport.rewritePages(page -> new EventPage(page.events(), page.nextSeq(), true, page.keys()));

        catchUp();

        assertThat(pulledSince()).last().isEqualTo(theirSeq);
        assertThat(pulledSince()).doesNotHaveDuplicates();
        assertThat(here.digest(group)).isEqualTo(there.digest(group));
    }

    @Test
    void aCatchUpThatBringsNothingNewIsNotAuditedAsAMerge() {
        catchUp();
        int audits = here.app.stores.audit().list(Optional.of(group), 100).size();

        EventIntake.Report again = catchUp();

        assertThat(again).isEqualTo(EventIntake.Report.NONE);
        assertThat(pulledSince()).last().isEqualTo(theirSeq);
        assertThat(here.app.stores.audit().list(Optional.of(group), 100)).hasSize(audits);
    }

    @Test
    void eventsThePullerWroteItselfAreNotSentBackButTheCursorMovesPastThem() {
        catchUp();
        here.post("lab", 2);
        here.push.to(peer(), link());
        long seqWithOurs = there.app.stores.events().currentSeq(group);

        EventIntake.Report report = here.catchUp.from(peer(), link(), "test");

        assertThat(report).isEqualTo(EventIntake.Report.NONE);
        assertThat(link().cursor().received()).isEqualTo(seqWithOurs);
        assertThat(here.digest(group)).isEqualTo(there.digest(group));
    }

    @Test
    void theMergeAuditHasTheDigestBeforeEvenWhenTheFirstPageBroughtOnlyOurOwnEvents() {
        catchUp();
        here.post("lab", PAGE);
        here.push.to(peer(), link());
        there.post("lab", 2);
        String before = here.digest(group);
        here.app.clock.advance(Duration.ofSeconds(1));

        EventIntake.Report report = catchUp();

        assertThat(report.accepted()).isEqualTo(2);
        assertThat(mergeAudit()).hasValueSatisfying(a -> {
            assertThat(a.at()).isEqualTo(here.app.clock.now());
            assertThat(a.details().string("digest_before")).isEqualTo(before);
            assertThat(a.details().string("digest_after")).isEqualTo(there.digest(group));
        });
    }

    /** The latest merge audit of the group. */
    private Optional<AuditRecord> mergeAudit() {
        return here.app.stores.audit().list(Optional.of(group), 100).stream()
                .filter(a -> a.action().equals("merge_executed")).findFirst();
    }
}
