package org.hivemesh.application.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.hivemesh.application.fakes.ForeignInstance;
import org.hivemesh.application.fakes.InMemoryPeerTransport;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.Hlc;
import org.junit.jupiter.api.Test;

/** Events whose clock runs too far ahead: held, never stored early, never lost, and bounded per peer. */
class DeferredEventsTest {
    private static final int MAX_DEFERRED = 2;

    private final TestSync here = new TestSync("here", new InMemoryPeerTransport.Network(), TestSync.Settings.defaults()
            .with(new IntakeSettings(Duration.ofSeconds(60), MAX_DEFERRED)));
    private final String group = here.share("lab");
    private final ForeignInstance remote = new ForeignInstance(here.app.signatures);

    private Event postAhead(String title, Duration ahead) {
        return remote.post(group, title, new Hlc(here.app.clock.now().plus(ahead).toEpochMilli(), 0), "rita");
    }

    private EventIntake.Report ingest(String peer, Event... events) {
        return here.intake.ingest(peer, group, Stream.of(events).map(Event::toJson).toList(),
                Map.of(remote.instanceId, remote.keyHex()), () -> {
        });
    }

    @Test
    void anEventUpToTheMarginAheadIsStoredAndOneMillisecondMoreIsHeld() {
        EventIntake.Report atTheMargin = ingest("peer_a", postAhead("at the margin", Duration.ofSeconds(60)));
        EventIntake.Report beyond = ingest("peer_a", postAhead("beyond", Duration.ofSeconds(60).plusMillis(1)));

        assertThat(atTheMargin.accepted()).isEqualTo(1);
        assertThat(beyond).isEqualTo(new EventIntake.Report(0, 0, 1, 0, 0));
    }

    @Test
    void anEventTooFarAheadIsHeldUntilItsTimeAndThenStored() {
        long events = here.count(group);
        String digest = here.digest(group);
        Event early = postAhead("early", Duration.ofSeconds(90));

        EventIntake.Report report = ingest("peer_a", early);

        assertThat(report).isEqualTo(new EventIntake.Report(0, 0, 1, 0, 0));
        assertThat(here.count(group)).isEqualTo(events);
        assertThat(here.digest(group)).isEqualTo(digest);
        assertThat(here.sync.deferredCount(group)).isEqualTo(1);
        assertThat(here.sync.quarantinedCount(group)).isZero();
        assertThat(here.deferred.releaseDue()).isZero();

        here.app.clock.advance(Duration.ofSeconds(29));
        assertThat(here.deferred.releaseDue()).as("29 s later it is still 61 s ahead").isZero();
        assertThat(here.app.stores.events().find(group, early.id())).isEmpty();

        here.app.clock.advance(Duration.ofSeconds(1));
        assertThat(here.deferred.releaseDue()).isEqualTo(1);
        assertThat(here.app.stores.events().find(group, early.id())).isPresent();
        assertThat(here.count(group)).isEqualTo(events + 1);
        assertThat(here.digest(group)).isNotEqualTo(digest);
        assertThat(here.sync.deferredCount(group)).isZero();
        assertThat(here.deferred.releaseDue()).as("released once").isZero();
    }

    @Test
    void eachPeerHoldsAtMostItsCapAndWhatIsBeyondIsQuarantined() {
        Event first = postAhead("first", Duration.ofMinutes(5));
        Event second = postAhead("second", Duration.ofMinutes(5));
        Event third = postAhead("third", Duration.ofMinutes(5));
        long events = here.count(group);

        ingest("peer_a", first);
        EventIntake.Report sentAgain = ingest("peer_a", first);
        EventIntake.Report full = ingest("peer_a", second, third);
        EventIntake.Report otherPeer = ingest("peer_b", third);

        assertThat(sentAgain).as("an event held already takes no more room").isEqualTo(new EventIntake.Report(0, 0, 1, 0, 0));
        assertThat(full).isEqualTo(new EventIntake.Report(0, 0, 1, 1, 0));
        assertThat(here.sync.deferredCount(group, "peer_a")).isEqualTo(MAX_DEFERRED);
        assertThat(here.sync.quarantined(group, 10)).singleElement().satisfies(q -> {
            assertThat(q.peerId()).isEqualTo("peer_a");
            assertThat(q.eventId()).contains(third.id().value());
            assertThat(q.reason()).contains("too far ahead").contains("already has " + MAX_DEFERRED + " events waiting");
        });
        assertThat(otherPeer.deferred()).as("another peer has room of its own").isEqualTo(1);
        assertThat(here.count(group)).isEqualTo(events);
    }

    @Test
    void heldEventsOfAGroupThatIsNoLongerHereAreDroppedNotStored() {
        Event early = postAhead("early", Duration.ofSeconds(90));
        ingest("peer_a", early);
        here.app.stores.hives().moveToGroup("lab", "grp_elsewhere", here.id());

        here.app.clock.advance(Duration.ofMinutes(1));

        assertThat(here.deferred.releaseDue()).isZero();
        assertThat(here.sync.deferredCount(group)).isZero();
        assertThat(here.app.stores.events().find(group, early.id())).isEmpty();
        assertThat(here.app.stores.events().find("grp_elsewhere", early.id())).isEmpty();
    }

    @Test
    void heldEventsOfSeveralPeersAreReleasedInOnePass() {
        Event fromA = postAhead("from a", Duration.ofSeconds(90));
        Event fromB = postAhead("from b", Duration.ofSeconds(120));
        ingest("peer_a", fromA);
        ingest("peer_b", fromB);

        here.app.clock.advance(Duration.ofMinutes(1));

        assertThat(here.deferred.releaseDue()).isEqualTo(2);
        assertThat(here.sync.deferredCount(group, "peer_a")).isZero();
        assertThat(here.sync.deferredCount(group, "peer_b")).isZero();
        assertThat(here.app.stores.events().find(group, fromA.id())).isPresent();
        assertThat(here.app.stores.events().find(group, fromB.id())).isPresent();
    }
}
